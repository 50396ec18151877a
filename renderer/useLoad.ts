import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput, Failure, Result } from '../db/contract';
import { useApi } from './api';

interface Loaded<C extends ChannelName> {
  key: string;
  version: number;
  result: Result<ChannelOutput<C>>;
}

export interface LoadState<T> {
  /** The last successful data; kept while a new request is on its way (paging stays steady). */
  data: T | undefined;
  failure: Failure | null;
  loading: boolean;
  reload(): void;
}

/** Reads a channel when the input changes (compared by value). `null` input means "not now". */
export function useLoad<C extends ChannelName>(channel: C, input: ChannelInput<C> | null): LoadState<ChannelOutput<C>> {
  const api = useApi();
  const key = input === null ? null : JSON.stringify(input);
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<C> | null>(null);
  const [lastData, setLastData] = useState<ChannelOutput<C> | undefined>(undefined);

  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    void api(channel, JSON.parse(key) as ChannelInput<C>).then((result) => {
      if (cancelled) return;
      setLoaded({ key, version, result });
      if (result.ok) setLastData(result.data);
    });
    return () => {
      cancelled = true;
    };
  }, [api, channel, key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const current = loaded && loaded.key === key && loaded.version === version ? loaded : null;
  return {
    data: lastData,
    failure: current && !current.result.ok ? current.result : null,
    loading: key !== null && current === null,
    reload,
  };
}
