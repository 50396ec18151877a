import { useState } from 'react';
import { HoldingDetail } from './HoldingDetail';
import { HoldingList } from './HoldingList';
import { initialQuery, type ListQuery } from './model';

/**
 * 保有個人情報等台帳 (MIC §14, METI §16): the list, and one entry's detail. The list's filters,
 * sort and page survive a visit to the detail, so 「一覧に戻る」 returns to the same rows.
 */
export function HoldingsScreen() {
  const [query, setQuery] = useState<ListQuery>(initialQuery);
  const [open, setOpen] = useState<{ id: number; notice: string | null } | null>(null);
  if (open) return <HoldingDetail key={open.id} holdingId={open.id} initialNotice={open.notice} onBack={() => setOpen(null)} />;
  return <HoldingList query={query} onQuery={setQuery} onOpen={(id, notice = null) => setOpen({ id, notice })} />;
}
