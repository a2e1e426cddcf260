/** The SQL type of each column a batch carries, keyed by column name. */
export type ColumnTypes = Readonly<Record<string, string>>;

/** One row as it travels in the batch: exactly the columns of `Columns`. */
export type RecordOf<Columns extends ColumnTypes> = { readonly [Column in keyof Columns]: unknown };

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
