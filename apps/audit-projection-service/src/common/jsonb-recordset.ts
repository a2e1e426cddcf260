/** The SQL type of each column a batch carries, keyed by column name. */
export type ColumnTypes = Readonly<Record<string, string>>;

/** One row as it travels in the batch: exactly the columns of `Columns`. */
export type RecordOf<Columns extends ColumnTypes> = { readonly [Column in keyof Columns]: unknown };

/** The camelCase property a snake_case column is read from: `event_occurred_at` → `eventOccurredAt`. */
type PropertyOf<Column extends string> = Column extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<PropertyOf<Tail>>}`
  : Column;

/** A row with a property for every column of `Columns`: a column without one does not compile. */
export type RowOf<Columns extends ColumnTypes> = {
  readonly [Column in keyof Columns & string as PropertyOf<Column>]: unknown;
};

function propertyOf(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The record builder of `columns`: each column takes the row's property of the same name in
 * camelCase, in the columns' order. Names are paired once, not per row: batches are the hot path.
 */
export function recordBuilder<Columns extends ColumnTypes>(
  columns: Columns,
): (row: RowOf<Columns>) => RecordOf<Columns> {
  const pairs = Object.keys(columns).map((column) => [column, propertyOf(column)] as const);
  return (row) => {
    const values = row as Readonly<Record<string, unknown>>;
    const record: Record<string, unknown> = {};
    for (const [column, property] of pairs) {
      record[column] = values[property];
    }
    return record as RecordOf<Columns>;
  };
}

/** `a, b, c`, prefixed with `alias.` when given. */
export function columnList(columns: ColumnTypes, alias?: string): string {
  const prefix = alias === undefined ? '' : `${alias}.`;
  return Object.keys(columns)
    .map((column) => `${prefix}${column}`)
    .join(', ');
}

/**
 * A `FROM` item turning a jsonb array of records into typed rows, in array order. The batch
 * travels as one text parameter: nothing for the driver to escape per element, one string to send.
 */
export function jsonbRecordset(columns: ColumnTypes, parameter: string, alias: string): string {
  const definitions = Object.entries(columns)
    .map(([column, type]) => `${column} ${type}`)
    .join(', ');
  return `jsonb_to_recordset(${parameter}::jsonb) AS ${alias}(${definitions})`;
}
