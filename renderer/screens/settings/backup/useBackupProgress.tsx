import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEvent } from '../../../../db/contract';

export type BackupProgress = Extract<AppEvent, { type: 'backup.progress' }>;
type Operation = BackupProgress['operation'];

/**
 * The last `backup.progress` event main pushed for one operation (export, verify, restore):
 * the work runs in a worker, so the bar moves while the clerk waits. `reset` clears it before
 * a new run, so an old run's bar is never shown as the new one's.
 */
export function useBackupProgress(operation: Operation): { progress: BackupProgress | null; reset(): void } {
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  useEffect(() => {
    if (typeof window.api?.onEvent !== 'function') return;
    return window.api.onEvent((event: AppEvent) => {
      if (event.type === 'backup.progress' && event.operation === operation) setProgress(event);
    });
  }, [operation]);
  return { progress, reset: () => setProgress(null) };
}

/** A progress bar in words too: the phase and how far it is (a screen reader reads the value). */
export function BackupProgressBar({ progress, testId }: { progress: BackupProgress | null; testId: string }) {
  const { t, i18n } = useTranslation();
  if (!progress) return null;
  const total = Math.max(progress.total, 1);
  const percent = Math.min(100, Math.round((progress.done / total) * 100));
  const phaseKey = `backup.phase_${progress.phase}`;
  const phase = i18n.exists(phaseKey) ? t(phaseKey) : progress.phase;
  return (
    <div className="backup-progress" data-testid={testId} data-percent={percent} data-phase={progress.phase}>
      <label>
        <span>{t('backup.progressLabel', { phase, percent })}</span>
        <progress max={100} value={percent} aria-valuetext={t('backup.progressLabel', { phase, percent })} />
      </label>
    </div>
  );
}
