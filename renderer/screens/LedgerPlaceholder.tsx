import { useTranslation } from 'react-i18next';

/** The four ledgers arrive in their own issues; until then each says so. */
export function LedgerPlaceholder({ route }: { route: 'holdings' | 'media' | 'disposal' | 'areas' }) {
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="ledger-placeholder">
      <h1>{t(`nav.${route}`)}</h1>
      <p className="placeholder">{t('ledger.preparing')}</p>
      <p className="muted">{t(`ledger.about_${route}`)}</p>
    </section>
  );
}
