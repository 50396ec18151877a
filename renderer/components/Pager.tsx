import { useTranslation } from 'react-i18next';
import type { PageCursor } from '../../db/contract';

export interface PagerProps {
  total: number;
  pageSize: number;
  /** The page the renderer believes it shows (1-based); corrected at either end from hasPrevious / hasNext. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onFirst(): void;
  onPrevious(): void;
  onNext(): void;
  onLast(): void;
  /** A page is on its way: the buttons wait, the page number is the one asked for. */
  busy?: boolean;
  /** Prefix of the test ids: <testId>-total, -first, -prev, -next, -last. */
  testId: string;
  /** Nothing at all when everything fits on one page (a short list inside a detail). */
  hideWhenSinglePage?: boolean;
}

/** 最初 / 前へ / 次へ / 最後 and 「全1,234件 ・ 3 / 25 ページ」, for every list. */
export function Pager({ total, pageSize, page, hasPrevious, hasNext, onFirst, onPrevious, onNext, onLast, busy = false, testId, hideWhenSinglePage = false }: PagerProps) {
  const { t, i18n } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (hideWhenSinglePage && pages <= 1 && !hasPrevious && !hasNext) return null;
  // At an end the server knows best (rows may have come or gone since the count was taken).
  const shown = busy ? page : !hasPrevious ? 1 : !hasNext ? pages : Math.min(Math.max(page, 2), Math.max(pages - 1, 2));
  const button = (label: string, onClick: () => void, enabled: boolean, suffix: string) => (
    <button type="button" className="button-small" onClick={onClick} disabled={busy || !enabled} data-testid={`${testId}-${suffix}`}>
      {label}
    </button>
  );
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <span data-testid={`${testId}-total`} aria-live="polite">
        {total === 0 ? t('pager.empty') : t('pager.summary', { total: total.toLocaleString(i18n.language), page: shown, pages })}
      </span>
      {button(t('pager.first'), onFirst, hasPrevious, 'first')}
      {button(t('pager.previous'), onPrevious, hasPrevious, 'prev')}
      {button(t('pager.next'), onNext, hasNext, 'next')}
      {button(t('pager.last'), onLast, hasNext, 'last')}
    </nav>
  );
}

/** Where a keyset-paged list stands: the cursor it asked with (none: the first page) and the page number. */
export interface KeysetPosition {
  cursor?: PageCursor | 'last';
  page: number;
}
export const firstPage: KeysetPosition = { page: 1 };

/** What a keyset page returns beside its rows. */
export interface KeysetPageInfo {
  total: number;
  nextCursor: PageCursor | null;
  previousCursor: PageCursor | null;
}

/**
 * The Pager's props for a keyset-paged list: next sends nextCursor, previous sends
 * previousCursor, last sends 'last'; the page number is counted here.
 */
export function keysetPager(
  position: KeysetPosition,
  info: KeysetPageInfo | undefined,
  pageSize: number,
  onMove: (position: KeysetPosition) => void,
): Pick<PagerProps, 'total' | 'pageSize' | 'page' | 'hasPrevious' | 'hasNext' | 'onFirst' | 'onPrevious' | 'onNext' | 'onLast'> {
  const total = info?.total ?? 0;
  const next = info?.nextCursor ?? null;
  const previous = info?.previousCursor ?? null;
  return {
    total,
    pageSize,
    page: position.page,
    hasPrevious: previous !== null,
    hasNext: next !== null,
    onFirst: () => onMove(firstPage),
    onPrevious: () => previous && onMove({ cursor: previous, page: Math.max(1, position.page - 1) }),
    onNext: () => next && onMove({ cursor: next, page: position.page + 1 }),
    onLast: () => onMove({ cursor: 'last', page: Math.max(1, Math.ceil(total / pageSize)) }),
  };
}

/** The Pager's props for a list that still pages by number (the access log's audit.query). */
export function numberedPager(page: number, total: number, pageSize: number, onPage: (page: number) => void): Pick<PagerProps, 'total' | 'pageSize' | 'page' | 'hasPrevious' | 'hasNext' | 'onFirst' | 'onPrevious' | 'onNext' | 'onLast'> {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return {
    total,
    pageSize,
    page,
    hasPrevious: page > 1,
    hasNext: page < pages,
    onFirst: () => onPage(1),
    onPrevious: () => onPage(Math.max(1, page - 1)),
    onNext: () => onPage(Math.min(pages, page + 1)),
    onLast: () => onPage(pages),
  };
}
