import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api';
import { CheckboxField, FormFailure } from './forms';
import { OutputNotice, printOutcome, useOutput } from './output';
import { useSubmit } from './useSubmit';

/** Splits a recovery key into groups of four for reading aloud and copying by hand. */
export function groupRecoveryKey(key: string): string[] {
  const trimmed = key.trim();
  if (/[\s-]/.test(trimmed)) return trimmed.split(/[\s-]+/).filter(Boolean);
  return trimmed.match(/.{1,4}/g) ?? [];
}

interface RecoveryKeyPanelProps {
  recoveryKey: string;
  /** Called after setup.acknowledgeRecoveryKey succeeded. */
  onAcknowledged(): void;
}

/**
 * The recovery key, shown once: print it or save it as PDF, confirm it is in the safe,
 * then acknowledge. Used by the setup wizard and by 回復キーの再発行.
 */
export function RecoveryKeyPanel({ recoveryKey, onAcknowledged }: RecoveryKeyPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [stored, setStored] = useState(false);
  const output = useOutput();
  const acknowledge = useSubmit();
  const print = (target: 'printer' | 'pdf') => void output.run(async () => printOutcome(await api('print.recoverySheet', { target }), target));
  const busy = output.busy || acknowledge.busy;

  return (
    <div className="recovery-key-panel">
      <div className="alert alert-warning">{t('recoveryKey.warning')}</div>
      <p className="recovery-key" data-testid="recovery-key" aria-label={t('recoveryKey.label')}>
        {groupRecoveryKey(recoveryKey).map((g, i) => (
          <span key={i} className="recovery-key-group">
            {g}
          </span>
        ))}
      </p>
      <div className="actions">
        <button type="button" onClick={() => print('printer')} disabled={busy} data-testid="recovery-print">
          {t('recoveryKey.print')}
        </button>
        <button type="button" onClick={() => print('pdf')} disabled={busy} aria-describedby="recovery-pdf-warning" data-testid="recovery-pdf">
          {t('recoveryKey.savePdf')}
        </button>
      </div>
      {/* A PDF is the key in the clear on a disk: said before the button is pressed. */}
      <p className="field-hint" id="recovery-pdf-warning" data-testid="recovery-pdf-warning">
        {t('recoveryKey.pdfWarning')}
      </p>
      <OutputNotice result={output.result} testId="recovery-saved" />
      <FormFailure failure={acknowledge.failure} />
      <CheckboxField label={t('recoveryKey.confirmStored')} checked={stored} onChange={setStored} testId="recovery-ack" />
      <div className="actions">
        <button type="button" className="button-primary" disabled={!stored || busy} onClick={() => void acknowledge.run(() => api('setup.acknowledgeRecoveryKey', {}), onAcknowledged)} data-testid="recovery-finish">
          {t('recoveryKey.finish')}
        </button>
      </div>
    </div>
  );
}
