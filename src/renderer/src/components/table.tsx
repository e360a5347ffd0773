import {
  Table as AriaTable,
  TableBody as AriaTableBody,
  TableHeader as AriaTableHeader,
  Cell,
  type CellProps,
  Column,
  type ColumnProps,
  Row,
  type RowProps,
  type TableBodyProps,
  type TableHeaderProps,
  type TableProps,
} from 'react-aria-components';

// A data table with grid keyboard navigation, row selection and sortable columns (react-aria).
// Long lists (messages, files) pair it with @tanstack/react-virtual in their views.

export function Table(props: Omit<TableProps, 'className'>) {
  return (
    <div className="table-frame">
      <AriaTable {...props} className="table" />
    </div>
  );
}

export function TableHeader<T extends object>(props: Omit<TableHeaderProps<T>, 'className'>) {
  return <AriaTableHeader {...props} className="table__header" />;
}

export function TableColumn(props: Omit<ColumnProps, 'className'>) {
  return <Column {...props} className="table__column" />;
}

export function TableBody<T extends object>(props: Omit<TableBodyProps<T>, 'className'>) {
  return <AriaTableBody {...props} className="table__body" />;
}

export function TableRow<T extends object>(props: Omit<RowProps<T>, 'className'>) {
  return <Row {...props} className="table__row" />;
}

export function TableCell(props: Omit<CellProps, 'className'>) {
  return <Cell {...props} className="table__cell" />;
}
