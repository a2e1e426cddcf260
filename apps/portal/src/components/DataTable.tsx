import type { ReactNode } from 'react';

interface DataTableProps {
  /** The column headings, in order. */
  columns: string[];
  className?: string;
  /** The rows (`<tr>` elements). */
  children: ReactNode;
}

/** A table of records that scrolls sideways on narrow screens. */
export function DataTable({ columns, className, children }: DataTableProps) {
  return (
    <div className="table-scroll">
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
