import { MemoryEventStore } from '../memory/memory-event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { merkleLogCases } from './merkle-log.cases';

merkleLogCases('memory', async () => new MemoryEventStore());
merkleLogCases('sqlite', async () => new SqliteEventStore({ filename: ':memory:' }));
