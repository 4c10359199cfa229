/** A row as a driver returns it: BIGINT may arrive as a string (pg) or a number (SQLite). */
export type SqlRow = Record<string, unknown>;

/**
 * Read access to the read models, in the same portable SQL as the projections (`?`
 * placeholders). Query helpers convert column values themselves (`Number(row.amount)`),
 * since PostgreSQL returns BIGINT as text.
 */
export interface ReadModelReader {
  query(sql: string, params?: readonly (string | number | bigint | null)[]): Promise<SqlRow[]>;
}
