import {
  EventStoreDbEventStore,
  MemoryEventStore,
  SplitEventStore,
  SqliteEventStore,
} from '@account-ops/event-store';
import { FakeEsdbClient, FakeEsdbServer } from '@account-ops/event-store/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envelopeScenarios, type EnvelopeStoreHandle } from './envelope.scenarios';
import { copyOfEsdbLog, copyOfMemoryStore, copyOfSqliteFile } from './testing/database-copy';

envelopeScenarios('memory', async (): Promise<EnvelopeStoreHandle> => {
  const store = new MemoryEventStore();
  return { store, copy: () => copyOfMemoryStore(store), dispose: () => store.close() };
});

function sqliteFile() {
  const dir = mkdtempSync(join(tmpdir(), 'aos-envelope-'));
  return {
    file: join(dir, 'events.db'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

envelopeScenarios('sqlite', async (): Promise<EnvelopeStoreHandle> => {
  const { file, remove } = sqliteFile();
  const store = new SqliteEventStore({ filename: file });
  return {
    store,
    copy: async () => copyOfSqliteFile(file),
    dispose: async () => {
      await store.close();
      remove();
    },
  };
});

envelopeScenarios('split (EventStoreDB fake + SQLite records)', async () => {
  const { file, remove } = sqliteFile();
  const server = new FakeEsdbServer();
  const records = new SqliteEventStore({ filename: file });
  const store = new SplitEventStore({
    events: new EventStoreDbEventStore(new FakeEsdbClient(server)),
    records,
  });
  return {
    store,
    copy: async () => `${copyOfEsdbLog(server)}\n${copyOfSqliteFile(file)}`,
    dispose: async () => {
      await store.close();
      remove();
    },
  };
});
