/**
 * What the driver and the API child (api-child.ts) agree on: the environment variables
 * the child reads and the line it prints once it listens. Kept apart from the child's
 * entry file, which starts the API when imported.
 */
export const CHILD_ENV = {
  /** `sqlite:<file>` or `postgres://…` */
  store: 'RELIABILITY_STORE',
  /** PostgreSQL schema of the throwaway store. */
  pgSchema: 'RELIABILITY_PG_SCHEMA',
  /** JSON {t0, r0, factor}: see accelerated-clock.ts. */
  clock: 'RELIABILITY_CLOCK',
  /** JSON of AccountConfig overrides. */
  config: 'RELIABILITY_CONFIG',
  /** How often deadlines and the outbox run, in real milliseconds. */
  tickMs: 'RELIABILITY_TICK_MS',
  /** JSON {everyEvents, tickMs}: how often the Merkle log catches up and signs a checkpoint. */
  checkpoints: 'RELIABILITY_CHECKPOINTS',
} as const;

/** Printed once the child's modules are loaded; it then waits for GO_MESSAGE on its IPC channel. */
export const READY_LINE = 'RELIABILITY_CHILD_READY';
export const GO_MESSAGE = 'go';
/** Printed, with the port, once the API listens. */
export const PORT_LINE = 'RELIABILITY_CHILD_PORT=';
