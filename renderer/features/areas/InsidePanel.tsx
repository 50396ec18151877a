import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Placeholder while the panel is built (issue #12). */
export function InsidePanel({ tabs }: { tabs: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="areas-InsidePanel">
      <h1>{t('nav.areas')}</h1>
      {tabs}
    </section>
  );
}
