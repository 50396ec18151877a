import { useState } from 'react';
import { useReopenDraft } from '../../components/drafts';
import type { HoldingFilters } from '../../../db/contract';
import { HoldingDetail } from './HoldingDetail';
import { HoldingList } from './HoldingList';
import { initialQuery, type ListQuery } from './model';

/**
 * 保有個人情報等台帳 (MIC §14, METI §16): the list, and one entry's detail. The list's filters,
 * sort and page survive a visit to the detail, so 「一覧に戻る」 returns to the same rows.
 */
export function HoldingsScreen({ initialFilters }: { initialFilters?: HoldingFilters | undefined } = {}) {
  // A home card opens the list with the filters that show what it counted.
  const [query, setQuery] = useState<ListQuery>(() => (initialFilters ? { ...initialQuery, filters: { ...initialFilters } } : initialQuery));
  const [open, setOpen] = useState<{ id: number; notice: string | null } | null>(null);
  // 復元する after a lock: the list opens 新規登録, the entry's detail opens its edit (issue #7).
  useReopenDraft(['holdings.create', 'holdings.edit'], (d) => setOpen(d.recordId !== null ? { id: d.recordId, notice: null } : null));
  if (open) return <HoldingDetail key={open.id} holdingId={open.id} initialNotice={open.notice} onBack={() => setOpen(null)} />;
  return <HoldingList query={query} onQuery={setQuery} onOpen={(id, notice = null) => setOpen({ id, notice })} />;
}
