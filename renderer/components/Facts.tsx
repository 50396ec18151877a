import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One field of a record's definition list; `wide` spans the row for long text. */
export function Fact({ label, wide = false, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'fact fact-wide' : 'fact'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** How a facts list shows an empty field (a muted word, never a blank) and free text (its line breaks kept). */
export function useFactWords(): { none: ReactNode; text: (v: string) => ReactNode } {
  const { t } = useTranslation();
  const none = <span className="muted">{t('timeline.empty')}</span>;
  return { none, text: (v: string) => (v.trim() === '' ? none : <span className="prewrap">{v}</span>) };
}
