import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../db/contract';
import { FormFailure } from '../../components/forms';

/** What a print, PDF or CSV export did: the path of a saved file is shown, so the clerk can find it. */
export type OutputResult = { kind: 'printed' } | { kind: 'saved'; path: string; rowCount?: number } | { kind: 'notSaved' } | { kind: 'failed'; failure: Failure };

export function useOutput() {
  const [result, setResult] = useState<OutputResult | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<OutputResult>) {
    setBusy(true);
    setResult(null);
    try {
      setResult(await action());
    } finally {
      setBusy(false);
    }
  }
  return { result, busy, run, clear: () => setResult(null) };
}

/** A print or PDF call's result as an OutputResult (CANCELLED stays quiet). */
export function printOutcome(r: { ok: true; data: { savedTo: string | null } } | Failure, target: 'printer' | 'pdf'): OutputResult {
  if (!r.ok) return { kind: 'failed', failure: r };
  if (target === 'printer') return { kind: 'printed' };
  return r.data.savedTo ? { kind: 'saved', path: r.data.savedTo } : { kind: 'notSaved' };
}

export function OutputNotice({ result, testId }: { result: OutputResult | null; testId: string }) {
  const { t } = useTranslation();
  if (!result) return null;
  if (result.kind === 'failed') return <FormFailure failure={result.failure} />;
  let text: string;
  if (result.kind === 'printed') text = t('holdings.printed');
  else if (result.kind === 'notSaved') text = t('holdings.notSaved');
  else if (result.rowCount !== undefined) text = t('holdings.exported', { path: result.path, rowCount: result.rowCount });
  else text = t('holdings.savedPdf', { path: result.path });
  return (
    <p className="notice notice-path" role="status" data-testid={testId}>
      {text}
    </p>
  );
}
