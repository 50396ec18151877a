/** A wizard's steps, the current one marked (setup, CSV import). `current` is 1-based. */
export function Steps({ labels, current, label }: { labels: string[]; current: number; label: string }) {
  return (
    <ol className="steps" aria-label={label}>
      {labels.map((text, i) => (
        <li key={text} className={i + 1 === current ? 'step-current' : i + 1 < current ? 'step-done' : ''} aria-current={i + 1 === current ? 'step' : undefined}>
          <span className="step-number">{i + 1}</span>
          <span>{text}</span>
        </li>
      ))}
    </ol>
  );
}
