import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Button as AriaButton } from 'react-aria-components';

// A long table (Grants, files) drawn with @tanstack/react-virtual: only the rows in view are in the
// DOM, with spacer rows above and below so the scrollbar stays true. It stays a real <table> with
// aria-rowcount / aria-rowindex, sortable column headers (aria-sort), and each row's first cell holds
// its action button; Up/Down/Home/End move between those buttons, scrolling rows into view.

export type SortDirection = 'ascending' | 'descending';

export interface TableSort {
  readonly column: string;
  readonly direction: SortDirection;
}

export interface VirtualColumn<T> {
  readonly id: string;
  readonly label: string;
  readonly isSortable?: boolean;
  /** A CSS width for the column (`12rem`, `20%`). */
  readonly width?: string;
  readonly render: (row: T) => ReactNode;
}

export interface VirtualTableProps<T> {
  /** The table's accessible name. */
  readonly label: string;
  readonly rows: readonly T[];
  readonly columns: readonly VirtualColumn<T>[];
  readonly rowKey: (row: T) => string;
  readonly sort?: TableSort | null;
  readonly onSortChange?: (sort: TableSort) => void;
  /** The first column's button: its label and what pressing it does (open the details). */
  readonly rowAction?: {
    readonly label: (row: T) => string;
    readonly content: (row: T) => ReactNode;
    readonly onAction: (row: T) => void;
  };
  readonly estimateRowHeight?: number;
  /** The scroll area's height limit (CSS), so the page keeps its header in view. */
  readonly maxHeight?: string;
  readonly className?: string;
}

export function nextSort(current: TableSort | null | undefined, column: string): TableSort {
  if (current?.column === column)
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: 'ascending' };
}

export function VirtualTable<T>({
  label,
  rows,
  columns,
  rowKey,
  sort = null,
  onSortChange,
  rowAction,
  estimateRowHeight = 52,
  maxHeight = '60vh',
  className,
}: VirtualTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateRowHeight,
    overscan: 8,
    // jsdom and the first paint have no layout yet: assume a viewport so rows render at once.
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));

  useEffect(() => {
    if (pendingFocus === null) return;
    const target = scrollRef.current?.querySelector<HTMLElement>(
      `[data-row-index="${pendingFocus}"] [data-row-action]`,
    );
    if (target) {
      target.focus();
      setPendingFocus(null);
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (!row || !(event.target as HTMLElement).hasAttribute('data-row-action')) return;
    const index = Number(row.dataset.rowIndex);
    const last = rows.length - 1;
    const next =
      event.key === 'ArrowDown'
        ? Math.min(index + 1, last)
        : event.key === 'ArrowUp'
          ? Math.max(index - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null || next === index) return;
    event.preventDefault();
    virtualizer.scrollToIndex(next, { align: 'auto' });
    setPendingFocus(next);
  };

  const colSpan = columns.length;
  return (
    <div
      ref={scrollRef}
      className={['virtual-table', className].filter(Boolean).join(' ')}
      style={{ maxHeight }}
    >
      <table className="virtual-table__table" aria-label={label} aria-rowcount={rows.length + 1}>
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={column.width ? { width: column.width } : undefined} />
          ))}
        </colgroup>
        <thead className="virtual-table__head">
          <tr aria-rowindex={1}>
            {columns.map((column) => {
              const sorted = sort?.column === column.id ? sort.direction : undefined;
              return (
                <th
                  key={column.id}
                  scope="col"
                  className="virtual-table__column"
                  aria-sort={column.isSortable ? (sorted ?? 'none') : undefined}
                >
                  {column.isSortable && onSortChange ? (
                    <AriaButton
                      className="virtual-table__sort"
                      onPress={() => onSortChange(nextSort(sort, column.id))}
                    >
                      {column.label}
                      <span className="virtual-table__sort-mark" aria-hidden="true">
                        {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                      </span>
                    </AriaButton>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="virtual-table__body" onKeyDown={onKeyDown}>
          {paddingTop > 0 ? (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds nothing focusable.
            <tr className="virtual-table__spacer" aria-hidden="true" style={{ height: paddingTop }}>
              <td colSpan={colSpan} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index] as T;
            return (
              <tr
                key={rowKey(row)}
                ref={virtualizer.measureElement}
                data-index={item.index}
                data-row-index={item.index}
                aria-rowindex={item.index + 2}
                className="virtual-table__row"
              >
                {columns.map((column, columnIndex) => (
                  <td key={column.id} className="virtual-table__cell">
                    {columnIndex === 0 && rowAction ? (
                      <AriaButton
                        data-row-action=""
                        className="virtual-table__row-action"
                        aria-label={rowAction.label(row)}
                        onPress={() => rowAction.onAction(row)}
                      >
                        {rowAction.content(row)}
                      </AriaButton>
                    ) : (
                      column.render(row)
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 ? (
            // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds nothing focusable.
            <tr className="virtual-table__spacer" aria-hidden="true" style={{ height: paddingBottom }}>
              <td colSpan={colSpan} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
