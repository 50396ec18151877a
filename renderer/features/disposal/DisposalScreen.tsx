import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisposalFilters } from '../../../db/contract/disposal';
import { useReopenDraft } from '../../components/drafts';
import { Tabs } from '../../components/Tabs';
import { DisposalDetail } from './DisposalDetail';
import { DisposalList } from './DisposalList';
import { initialDisposalQuery, type DisposalQuery } from './model';
import { VerifyCode } from './VerifyCode';

type Tab = 'book' | 'verify';

/**
 * 廃棄・消去 (MIC §13, domain.md §3): the 廃棄記録簿, checking a paper certificate's code, and one
 * record's detail. The book's filters and page survive a visit to a record, so 「一覧に戻る」
 * returns to the same rows; a record opened from 証明書の照合 goes back there.
 */
export function DisposalScreen({ initialFilters }: { initialFilters?: DisposalFilters | undefined } = {}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('book');
  // A home card (承認待ち) opens the book with the filters that show what it counted.
  const [query, setQuery] = useState<DisposalQuery>(() => initialDisposalQuery(initialFilters ? { ...initialFilters } : {}));
  const [open, setOpen] = useState<{ id: number; notice: string | null } | null>(null);
  // 復元する after a lock: the record's detail opens its edit (issue #7); 新規作成 is the list's.
  useReopenDraft(['disposal.create', 'disposal.edit'], (d) => setOpen(d.recordId !== null ? { id: d.recordId, notice: null } : null));
  const openRecord = (id: number, notice: string | null = null) => setOpen({ id, notice });
  if (open) return <DisposalDetail key={open.id} disposalId={open.id} initialNotice={open.notice} onBack={() => setOpen(null)} onOpen={openRecord} />;
  const tabs = (
    <Tabs
      label={t('nav.disposal')}
      current={tab}
      onChange={setTab}
      tabs={[
        { key: 'book', label: t('disposalScreens.tabBook') },
        { key: 'verify', label: t('disposalScreens.tabVerify') },
      ]}
    />
  );
  if (tab === 'book') return <DisposalList query={query} onQuery={setQuery} onOpen={openRecord} tabs={tabs} />;
  return (
    <section className="panel" data-testid="disposal-verify-screen">
      <h1>{t('nav.disposal')}</h1>
      {tabs}
      <VerifyCode onOpen={(id) => openRecord(id)} />
    </section>
  );
}
