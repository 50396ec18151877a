import { useTranslation } from 'react-i18next';
import type { Formatters } from '../../appContext';
import { todayLocal } from '../../format/dates';
import type { Category } from './model';

/** The calendar day (local zone) of an instant, as the office reads it: 2026年11月22日. */
export function dayOf(fmt: Formatters, instant: string | null | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  return Number.isNaN(d.getTime()) ? instant : fmt.date(todayLocal(d));
}

export function StatusBadge({ status }: { status: 'draft' | 'verified' | 'retired' | 'disposed' }) {
  const { t } = useTranslation();
  return (
    <span className={`flag status-${status}`} data-testid="holding-status">
      {t(`holdingStatus.${status}`)}
    </span>
  );
}

/** The decided 管理区分, or 「未決定（推奨 B）」. */
export function CategoryCell({ category, suggested }: { category: Category | null; suggested: Category }) {
  const { t } = useTranslation();
  if (category) return <span className={`category category-${category}`}>{category}</span>;
  return <span className="muted">{t('holdings.categoryUndecided', { suggested })}</span>;
}
