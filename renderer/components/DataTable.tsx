import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type SortDirection = 'asc' | 'desc';

export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
  onSort(key: K): void;
  /** Prefix of the header buttons' test ids: <testId>-<key>. */
  testId: string;
}

export interface Column<R, K extends string = string> {
  /** React key of the column. */
  id: string;
  header: ReactNode;
  cell(row: R): ReactNode;
  /** Class of the column's cells (and its header, unless headerClassName says otherwise). */
  className?: string;
  headerClassName?: string;
  /** The list's sort key for this column: its header becomes a sort button. */
  sortKey?: K;
}

interface DataTableProps<R, K extends string> {
  columns: Column<R, K>[];
  rows: R[];
  rowKey(row: R): string | number;
  /** Extra attributes of a row (class, click, data-testid). */
  rowProps?(row: R): HTMLAttributes<HTMLTableRowElement> & { 'data-testid'?: string };
  /** Shown in one row when there are no rows and none are on their way. */
  emptyText?: string;
  busy?: boolean;
  /** Extra classes beside data-table. */
  className?: string;
  /** Extra classes of the scrolling box around the table. */
  wrapClassName?: string;
  sort?: SortState<K>;
  testId?: string;
}

/** A table of rows, one column definition each; a sortable column's header is a button. */
export function DataTable<R, K extends string = string>({ columns, rows, rowKey, rowProps, emptyText, busy = false, className, wrapClassName, sort, testId }: DataTableProps<R, K>) {
  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
      <table className={className ? `data-table ${className}` : 'data-table'} data-testid={testId} aria-busy={busy}>
        <TableHead columns={columns} sort={sort} />
        <tbody>
          {rows.length === 0 && !busy && <EmptyRow span={columns.length} text={emptyText} />}
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <td key={c.id} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The header row of a table of columns (shared by DataTable and VirtualTable). */
export function TableHead<R, K extends string>({ columns, sort, rowIndex }: { columns: Column<R, K>[]; sort?: SortState<K> | undefined; rowIndex?: number }) {
  return (
    <thead>
      <tr aria-rowindex={rowIndex}>
        {columns.map((c) =>
          c.sortKey !== undefined && sort ? (
            <SortHeader key={c.id} sortKey={c.sortKey} label={c.header} sort={sort} className={c.headerClassName ?? c.className} />
          ) : (
            <th key={c.id} className={c.headerClassName ?? c.className}>
              {c.header}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** The one row saying the table has none. */
export function EmptyRow({ span, text }: { span: number; text?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td colSpan={span} className="empty">
        {text ?? t('common.noRows')}
      </td>
    </tr>
  );
}

/** A column header that sorts by its key; a second click reverses the order. */
export function SortHeader<K extends string>({ sortKey, label, sort, className }: { sortKey: K; label: ReactNode; sort: SortState<K>; className?: string | undefined }) {
  const { t } = useTranslation();
  const active = sort.key === sortKey;
  return (
    <th className={className} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort-button" onClick={() => sort.onSort(sortKey)} data-testid={`${sort.testId}-${sortKey}`}>
        {label}
        <span className={active ? 'sort-mark sort-active' : 'sort-mark'} aria-hidden="true">
          {active && sort.direction === 'desc' ? '▼' : '▲'}
        </span>
        {active && <span className="visually-hidden">{t(sort.direction === 'asc' ? 'table.sortedAsc' : 'table.sortedDesc')}</span>}
      </button>
    </th>
  );
}

/** The next sort after a click on a header: the same key reverses, another key starts ascending. */
export function nextSort<K extends string>(current: { sort: K; direction: SortDirection }, key: K): { sort: K; direction: SortDirection } {
  return { sort: key, direction: current.sort === key && current.direction === 'asc' ? 'desc' : 'asc' };
}
