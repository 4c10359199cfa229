import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

/** Set by global-setup.ts when PG_URL points at the in-process PGlite. */
export const PGLITE_MARKER = 'PG_URL_IS_PGLITE';

/** The server PostgreSQL tests use: CI's PG_URL, or the PGlite that globalSetup started. */
export function testPgUrl(): string {
  const url = process.env.PG_URL;
  if (!url) {
    throw new Error('PG_URL is not set: run PostgreSQL tests in the jest integration project');
  }
  return url;
}

/**
 * True on the in-process PGlite. It runs one transaction at a time and delivers NOTIFY to
 * the connection that commits instead of the listener, so tests that hold a transaction
 * open while another commits, or that need cross-connection NOTIFY, run on real servers only.
 */
export function usesPglite(): boolean {
  return process.env[PGLITE_MARKER] === '1';
}

/** A schema name no other test (or test run on the same server) uses. */
export function freshSchemaName(prefix = 'es_test'): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

export async function dropSchema(pool: Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
