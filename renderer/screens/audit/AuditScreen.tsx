import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from '../../components/Tabs';
import { AuditLog } from './AuditLog';
import { AuditReviews } from './AuditReviews';

/** アクセス記録 (MIC §21): the log itself, and the record of its periodic reviews. */
export function AuditScreen({ initialTab }: { initialTab?: string | undefined } = {}) {
  const { t } = useTranslation();
  // A home card (未点検の期間) opens the reviews.
  const [tab, setTab] = useState<'log' | 'reviews'>(initialTab === 'reviews' ? 'reviews' : 'log');
  return (
    <section className="panel">
      <h1>{t('nav.audit')}</h1>
      <Tabs
        label={t('nav.audit')}
        current={tab}
        onChange={setTab}
        tabs={[
          { key: 'log', label: t('audit.tabLog') },
          { key: 'reviews', label: t('audit.tabReviews') },
        ]}
      />
      {tab === 'log' ? <AuditLog /> : <AuditReviews />}
    </section>
  );
}
