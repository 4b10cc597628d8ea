import { SimpleTable, SimpleTableProps } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import React from 'react';

export interface Column<Row> {
  label: string;
  getter: (row: Row) => React.ReactNode;
  sort?: boolean | ((a: Row, b: Row) => number);
  /** Keep the cell on one line: names, short SHAs and times must not break mid-token. */
  nowrap?: boolean;
}

const NOWRAP = { sx: { whiteSpace: 'nowrap' } };

/**
 * Headlamp's SimpleTable with typed rows: every getter gets the row type
 * instead of `any`. Pagination keeps long tables to one page of rows in the DOM.
 */
export function DataTable<Row extends object>({
  columns,
  data,
  emptyMessage,
  errorMessage,
  rowsPerPage,
  pending = false,
}: {
  columns: Array<Column<Row>>;
  data: Row[];
  emptyMessage?: string;
  errorMessage?: string | null;
  rowsPerPage?: number[];
  /** A list the rows come from has not answered yet: no empty message, Headlamp's loader instead. */
  pending?: boolean;
}) {
  return (
    <SimpleTable
      columns={
        columns.map(({ nowrap, ...column }) =>
          nowrap ? { ...column, cellProps: NOWRAP } : column
        ) as SimpleTableProps['columns']
      }
      // SimpleTable types rows as index signatures; typed rows are plain objects too.
      // No rows yet from a pending list: `null` is SimpleTable's loading state, never "empty".
      data={(pending && data.length === 0 ? null : data) as unknown as SimpleTableProps['data']}
      emptyMessage={emptyMessage}
      errorMessage={errorMessage}
      rowsPerPage={rowsPerPage}
    />
  );
}
