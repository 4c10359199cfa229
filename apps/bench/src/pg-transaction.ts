import type { PoolClient, Pool } from 'pg';

/**
 * Runs `work` in one transaction on a client of `pool` (what a baseline line does per
 * command): COMMIT after it, ROLLBACK when it throws; a client whose ROLLBACK failed is
 * destroyed instead of returned to the pool.
 */
export async function inTransaction(
  pool: Pool,
  work: (client: PoolClient) => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw error;
  } finally {
    client.release(broken);
  }
}
