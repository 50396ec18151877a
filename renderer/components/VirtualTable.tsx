import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, type ReactElement } from 'react';
import { EmptyRow, TableHead, type Column } from './DataTable';

interface VirtualTableProps<R> {
  /** Keep this array stable between renders (useMemo): a new one re-renders every visible row. */
  columns: Column<R>[];
  rows: R[];
  rowKey(row: R): string | number;
  emptyText?: string;
  /** Height of one row in px before it is measured; rows of one line of text are about this tall. */
  rowHeight?: number;
  /** Rows rendered beyond each edge of the box, so a fast scroll shows no blank. */
  overscan?: number;
  /** Extra classes of the scrolling box (its height: `.virtual-box` caps it). */
  boxClassName?: string;
  /** The table's test id; the scrolling box gets <testId>-box. */
  testId?: string;
}

/**
 * A table of thousands of rows that stays quick: only the rows in view (and a few around them)
 * are in the DOM, inside a fixed-height box with a sticky header, so adding one row costs the
 * same at ten rows as at ten thousand (the guide: virtualise long lists). It keeps real <table>
 * semantics: aria-rowcount on the table and aria-rowindex on each row tell a screen reader where
 * it is in the whole list; the rows that are not drawn are stood in for by two spacer rows.
 */
export function VirtualTable<R>({ columns, rows, rowKey, emptyText, rowHeight = 36, overscan = 10, boxClassName, testId }: VirtualTableProps<R>) {
  const box = useRef<HTMLDivElement>(null);
  // The virtualiser's functions are not memoisable; this component is not compiled, and its rows are memoised by hand (VirtualRow).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => box.current,
    estimateSize: () => rowHeight,
    // Measured heights follow the row, not its position, as new rows arrive at the top.
    getItemKey: (index) => rowKey(rows[index] as R),
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  return (
    <div ref={box} className={boxClassName ? `table-wrap virtual-box ${boxClassName}` : 'table-wrap virtual-box'} data-testid={testId ? `${testId}-box` : undefined}>
      <table className="data-table virtual-table" data-testid={testId} aria-rowcount={rows.length + 1}>
        <TableHead columns={columns} rowIndex={1} />
        <tbody>
          {rows.length === 0 && <EmptyRow span={columns.length} text={emptyText} />}
          {before > 0 && <Spacer height={before} span={columns.length} />}
          {items.map((item) => (
            <VirtualRow key={item.key} row={rows[item.index] as R} index={item.index} columns={columns} measure={virtualizer.measureElement} />
          ))}
          {after > 0 && <Spacer height={after} span={columns.length} />}
        </tbody>
      </table>
    </div>
  );
}

/** Holds the place of the rows not drawn, so the scroll bar is the whole list's. */
function Spacer({ height, span }: { height: number; span: number }) {
  return (
    <tr aria-hidden="true" className="virtual-spacer">
      <td colSpan={span} style={{ height }} />
    </tr>
  );
}

interface RowProps<R> {
  row: R;
  index: number;
  columns: Column<R>[];
  measure(element: Element | null): void;
}

/** One drawn row; memoised so a new row at the top does not redraw the ones already shown. */
const VirtualRow = memo(function VirtualRow<R>({ row, index, columns, measure }: RowProps<R>) {
  return (
    <tr ref={measure} data-index={index} aria-rowindex={index + 2} className={index % 2 === 1 ? 'row-alt' : undefined}>
      {columns.map((c) => (
        <td key={c.id} className={c.className}>
          {c.cell(row)}
        </td>
      ))}
    </tr>
  );
}) as <R>(props: RowProps<R>) => ReactElement;
