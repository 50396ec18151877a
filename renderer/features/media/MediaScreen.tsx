import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaFilters, TakeoutFilters } from '../../../db/contract';
import { useReopenDraft } from '../../components/drafts';
import { Tabs } from '../../components/Tabs';
import { MediumDetail } from './MediumDetail';
import { MediaList } from './MediaList';
import { initialQuery, type ListQuery } from './model';
import { InventoryTab } from './InventoryTab';
import { initialTakeoutQuery, TakeoutRegister, type TakeoutQuery } from './TakeoutRegister';

type Tab = 'register' | 'takeouts' | 'inventory';

/**
 * 媒体管理台帳 (MIC §10, §12, §34; domain.md §2): the list, the 持出管理簿 beside it, and one
 * medium's detail. Each list's filters and page survive a visit to the detail, so 「一覧に戻る」
 * returns to the same tab and rows.
 */
export function MediaScreen({ initialTab, initialFilters }: { initialTab?: string | undefined; initialFilters?: MediaFilters | TakeoutFilters | undefined } = {}) {
  const { t } = useTranslation();
  // A home card opens a tab with the filters that show what it counted (the 持出管理簿's for take-outs).
  const takeoutsFirst = initialTab === 'takeouts';
  const [tab, setTab] = useState<Tab>(takeoutsFirst ? 'takeouts' : 'register');
  const [query, setQuery] = useState<ListQuery>(() => (initialFilters && !takeoutsFirst ? { ...initialQuery, filters: { ...(initialFilters as MediaFilters) } } : initialQuery));
  const [takeoutQuery, setTakeoutQuery] = useState<TakeoutQuery>(() => (initialFilters && takeoutsFirst ? { ...initialTakeoutQuery, filters: { ...(initialFilters as TakeoutFilters) } } : initialTakeoutQuery));
  const [open, setOpen] = useState<{ id: number; notice: string | null } | null>(null);
  // 復元する after a lock: the medium's detail opens its edit (issue #7); 新規登録 is the list's.
  useReopenDraft(['media.create', 'media.edit'], (d) => setOpen(d.recordId !== null ? { id: d.recordId, notice: null } : null));
  if (open) return <MediumDetail key={open.id} mediumId={open.id} initialNotice={open.notice} onBack={() => setOpen(null)} />;
  const tabs = (
    <Tabs
      label={t('nav.media')}
      current={tab}
      onChange={setTab}
      tabs={[
        { key: 'register', label: t('mediaTakeout.tabRegister') },
        { key: 'takeouts', label: t('mediaTakeout.tabTakeouts') },
        { key: 'inventory', label: t('mediaInventory.tab') },
      ]}
    />
  );
  if (tab === 'register') return <MediaList query={query} onQuery={setQuery} onOpen={(id, notice = null) => setOpen({ id, notice })} tabs={tabs} />;
  return (
    <section className="panel">
      <h1>{t('nav.media')}</h1>
      {tabs}
      {tab === 'inventory' ? <InventoryTab /> : <TakeoutRegister query={takeoutQuery} onQuery={setTakeoutQuery} onOpenMedium={(id) => setOpen({ id, notice: null })} />}
    </section>
  );
}
