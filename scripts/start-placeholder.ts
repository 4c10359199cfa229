// Placeholder until the HTTP API lands (issue 6): opens the embedded store the API will use.
import { parseStoreUrl, SqliteEventStore } from '@account-ops/event-store';

async function main(): Promise<void> {
  const location = parseStoreUrl(process.env.ACCOUNT_OPS_STORE);
  if (location.kind !== 'sqlite') throw new Error('the placeholder only opens SQLite stores');
  const store = new SqliteEventStore({ filename: location.filename });
  const head = await store.headPosition();
  console.log(
    `account-ops: embedded SQLite store ready at ${location.filename} (head position ${head.commit}).`,
  );
  console.log('The HTTP API arrives with issue 6; until then use the libraries under libs/.');
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
