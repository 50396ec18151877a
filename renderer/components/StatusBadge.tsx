/** How a status reads at a glance: waiting for someone (warning), done (ok), a problem (danger), over (muted). */
export type Tone = 'neutral' | 'ok' | 'warning' | 'danger' | 'muted';

/** A record's status as a small badge: its label, coloured by tone. */
export function StatusBadge({ label, tone, testId }: { label: string; tone: Tone; testId?: string }) {
  return (
    <span className={`flag tone-${tone}`} data-testid={testId}>
      {label}
    </span>
  );
}
