export { PostgresEventStore } from './postgres-event-store';
export type { PostgresEventStoreOptions } from './postgres-options';
export { SCHEMA_VERSION as POSTGRES_SCHEMA_VERSION } from './postgres-schema';
export { sqlLiteral } from './sql-literal';
