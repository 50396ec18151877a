import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaFilters } from '../../../db/contract';
import { Tabs } from '../../components/Tabs';
import { MediumDetail } from './MediumDetail';
import { MediaList } from './MediaList';
import { initialQuery, type ListQuery } from './model';
import { initialTakeoutQuery, TakeoutRegister, type TakeoutQuery } from './TakeoutRegister';

type Tab = 'register' | 'takeouts';

/**
 * 媒体管理台帳 (MIC §10, §12, §34; domain.md §2): the list, the 持出管理簿 beside it, and one
 * medium's detail. Each list's filters and page survive a visit to the detail, so 「一覧に戻る」
 * returns to the same tab and rows.
 */
export function MediaScreen({ initialFilters }: { initialFilters?: MediaFilters | undefined } = {}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('register');
  const [query, setQuery] = useState<ListQuery>(() => (initialFilters ? { ...initialQuery, filters: { ...initialFilters } } : initialQuery));
  const [takeoutQuery, setTakeoutQuery] = useState<TakeoutQuery>(initialTakeoutQuery);
  const [open, setOpen] = useState<{ id: number; notice: string | null } | null>(null);
  if (open) return <MediumDetail key={open.id} mediumId={open.id} initialNotice={open.notice} onBack={() => setOpen(null)} />;
  const tabs = (
    <Tabs
      label={t('nav.media')}
      current={tab}
      onChange={setTab}
      tabs={[
        { key: 'register', label: t('mediaTakeout.tabRegister') },
        { key: 'takeouts', label: t('mediaTakeout.tabTakeouts') },
      ]}
    />
  );
  if (tab === 'register') return <MediaList query={query} onQuery={setQuery} onOpen={(id, notice = null) => setOpen({ id, notice })} tabs={tabs} />;
  return (
    <section className="panel">
      <h1>{t('nav.media')}</h1>
      {tabs}
      <TakeoutRegister query={takeoutQuery} onQuery={setTakeoutQuery} onOpenMedium={(id) => setOpen({ id, notice: null })} />
    </section>
  );
}
