import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from '../../components/Tabs';
import { AuditLog } from './AuditLog';
import { AuditReviews } from './AuditReviews';

/** アクセス記録 (MIC §21): the log itself, and the record of its periodic reviews. */
export function AuditScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'log' | 'reviews'>('log');
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
