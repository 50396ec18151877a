import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Placeholder while the panel is built (issue #12). */
export function BookPanel({ tabs, initialFilters }: { tabs: ReactNode; initialFilters?: object | undefined }) {
  const { t } = useTranslation();
  void initialFilters;
  return (
    <section className="panel" data-testid="areas-BookPanel">
      <h1>{t('nav.areas')}</h1>
      {tabs}
    </section>
  );
}
