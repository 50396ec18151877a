import { useState } from 'react';
import type { MediaFilters } from '../../../db/contract';
import { MediumDetail } from './MediumDetail';
import { MediaList } from './MediaList';
import { initialQuery, type ListQuery } from './model';

/**
 * 媒体管理台帳 (MIC §10, §12, §34; domain.md §2): the list, and one medium's detail. The list's
 * filters, sort and page survive a visit to the detail, so 「一覧に戻る」 returns to the same rows.
 */
export function MediaScreen({ initialFilters }: { initialFilters?: MediaFilters | undefined } = {}) {
  const [query, setQuery] = useState<ListQuery>(() => (initialFilters ? { ...initialQuery, filters: { ...initialFilters } } : initialQuery));
  const [open, setOpen] = useState<{ id: number; notice: string | null } | null>(null);
  if (open) return <MediumDetail key={open.id} mediumId={open.id} initialNotice={open.notice} onBack={() => setOpen(null)} />;
  return <MediaList query={query} onQuery={setQuery} onOpen={(id, notice = null) => setOpen({ id, notice })} />;
}
