import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../db/contract';
import { FormFailure } from './forms';

/** What a print, PDF or CSV export did: the path of a saved file is shown, so the clerk can find it. */
export type OutputResult = { kind: 'printed' } | { kind: 'saved'; path: string; rowCount?: number } | { kind: 'notSaved' } | { kind: 'failed'; failure: Failure };

/** One output action at a time: busy while it runs, then its result for OutputNotice. */
export function useOutput() {
  const [result, setResult] = useState<OutputResult | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<OutputResult>) => {
    setBusy(true);
    setResult(null);
    try {
      setResult(await action());
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setResult(null), []);
  return { result, busy, run, clear };
}

/** A print or PDF call's result as an OutputResult (CANCELLED stays quiet). */
export function printOutcome(r: { ok: true; data: { savedTo: string | null } } | Failure, target: 'printer' | 'pdf'): OutputResult {
  if (!r.ok) return { kind: 'failed', failure: r };
  if (target === 'printer') return { kind: 'printed' };
  return r.data.savedTo ? { kind: 'saved', path: r.data.savedTo } : { kind: 'notSaved' };
}

/** A CSV export's result as an OutputResult: where it went and how many rows (null path: no place chosen). */
export function exportOutcome(r: { ok: true; data: { savedTo: string | null; rowCount: number } } | Failure): OutputResult {
  if (!r.ok) return { kind: 'failed', failure: r };
  return r.data.savedTo ? { kind: 'saved', path: r.data.savedTo, rowCount: r.data.rowCount } : { kind: 'notSaved' };
}

export function OutputNotice({ result, testId }: { result: OutputResult | null; testId: string }) {
  const { t } = useTranslation();
  if (!result) return null;
  if (result.kind === 'failed') return <FormFailure failure={result.failure} />;
  let text: string;
  if (result.kind === 'printed') text = t('output.printed');
  else if (result.kind === 'notSaved') text = t('output.notSaved');
  else if (result.rowCount !== undefined) text = t('output.exported', { path: result.path, rowCount: result.rowCount });
  else text = t('output.saved', { path: result.path });
  return (
    <p className="notice notice-path" role="status" data-testid={testId}>
      {text}
    </p>
  );
}
