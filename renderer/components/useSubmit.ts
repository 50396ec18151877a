import { useCallback, useState, type FormEvent } from 'react';
import type { Failure, Result } from '../../db/contract';
import { useIssue } from './forms';

export interface RunOptions {
  /** A failure found before calling main (two passwords that differ…): shown, and main is not called. */
  check?: Failure | null;
  /** What to show for main's failure (null: nothing); the failure itself by default. */
  shown?(failure: Failure): Failure | null;
}

export interface Submit {
  busy: boolean;
  /** The failure FormFailure shows; its field issues go beside the fields through `issue`. */
  failure: Failure | null;
  issue(path: string): string | undefined;
  /** Shows a failure found here (or clears it with null). */
  fail(failure: Failure | null): void;
  /**
   * One call to main, busy while it runs. On success the failure is cleared and `onOk` gets
   * the data; on failure it is kept for the form to show. Resolves whether it succeeded.
   */
  run<T>(call: () => Promise<Result<T>>, onOk?: (data: T) => void, options?: RunOptions): Promise<boolean>;
  /** A form's onSubmit: prevents the page load, then runs `action`. */
  onSubmit(action: () => unknown): (e: FormEvent) => void;
}

/** The busy flag and failure of a form or an action button, the same everywhere. */
export function useSubmit(): Submit {
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const issue = useIssue(failure);

  const run = useCallback(async <T>(call: () => Promise<Result<T>>, onOk?: (data: T) => void, options: RunOptions = {}) => {
    if (options.check) {
      setFailure(options.check);
      return false;
    }
    setBusy(true);
    let result: Result<T>;
    try {
      result = await call();
    } finally {
      setBusy(false);
    }
    if (result.ok) {
      setFailure(null);
      onOk?.(result.data);
      return true;
    }
    setFailure(options.shown ? options.shown(result) : result);
    return false;
  }, []);

  const onSubmit = useCallback(
    (action: () => unknown) => (e: FormEvent) => {
      e.preventDefault();
      void action();
    },
    [],
  );

  return { busy, failure, issue, fail: setFailure, run, onSubmit };
}
