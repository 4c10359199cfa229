import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { loadPgCopyStreams } from '@account-ops/event-store';
import type { StagedTable } from './rebuild-stage';

/** Loads a staged table's rows into its PostgreSQL table with one `COPY … FROM STDIN`. */
export async function copyRows(client: PoolClient, staged: StagedTable): Promise<void> {
  const sink = client.query(
    loadPgCopyStreams().from(`COPY ${staged.table} (${staged.columns.join(', ')}) FROM STDIN`),
  );
  await pipeline(Readable.from(staged.copyText()), sink);
}
