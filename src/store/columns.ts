/** How a value's fields become the flat columns of a Table Storage row, and back. */

/** A row as the Table SDK returns it: keys, ETag and flat properties. */
export interface Row {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  [property: string]: unknown;
}

/** How one column is written and read back; `sample` is a value of it for seeding tests. */
export interface Column<T> {
  write(value: T): unknown;
  read(stored: unknown): T;
  sample: T;
}

/** The columns of a value of type T: one per field. */
export type Columns<T> = { [F in keyof T]-?: Column<T[F]> };

/** A text, '' when missing. */
export const text: Column<string> = {
  write: (v) => v,
  read: (v) => (typeof v === 'string' ? v : ''),
  sample: 'Tekst',
};

/** A whole number. */
export const int: Column<number> = { write: (v) => v, read: (v) => Number(v), sample: 1 };

/** One of a fixed set of texts (stored as the text); `sample` is one of them. */
export function oneOf<T extends string>(sample: T): Column<T> {
  return { write: (v) => v, read: (v) => (typeof v === 'string' ? v : '') as T, sample };
}

/** A list or record, stored as JSON; `fallback` when missing. */
export function json<T>(fallback: T, sample: T = fallback): Column<T> {
  return {
    write: (v) => JSON.stringify(v),
    read: (v) => (typeof v === 'string' && v.length > 0 ? (JSON.parse(v) as T) : fallback),
    sample,
  };
}

/** A list or record that may be unset: JSON, or '' in the row and undefined when read back. */
export function optionalJson<T>(): Column<T | undefined> {
  return {
    write: (v) => (v === undefined || v === null ? '' : JSON.stringify(v)),
    read: (v) => (typeof v === 'string' && v.length > 0 ? (JSON.parse(v) as T) : undefined),
    sample: undefined,
  };
}

/** A column that may be unset: '' in the row (a row has no undefined), undefined when read back. */
export function optional<T>(column: Column<T>): Column<T | undefined> {
  return {
    write: (v) => (v === undefined || v === null ? '' : column.write(v)),
    read: (v) => (v === undefined || v === null || v === '' ? undefined : column.read(v)),
    sample: undefined,
  };
}

/** The columns of `value` as its schema writes them. */
export function toColumns<T>(columns: Columns<T>, value: T): Record<string, unknown> {
  const entries = Object.entries(columns) as [keyof T & string, Column<unknown>][];
  return Object.fromEntries(entries.map(([name, column]) => [name, column.write(value[name])]));
}

/** A value read from a row's columns. */
export function fromColumns<T>(columns: Columns<T>, row: Row): T {
  const entries = Object.entries(columns) as [string, Column<unknown>][];
  return Object.fromEntries(entries.map(([name, column]) => [name, column.read(row[name])])) as T;
}

/** A value whose every field is its column's sample (for seeding tests), with `fields` on top. */
export function sampleOf<T>(columns: Columns<T>, fields: Partial<T> = {}): T {
  const entries = Object.entries(columns) as [string, Column<unknown>][];
  return { ...(Object.fromEntries(entries.map(([name, c]) => [name, c.sample])) as T), ...fields };
}
