/**
 * Commands in flight in one API process beyond which writes are shed (503 `OVERLOADED`).
 * At the engine's measured rates (docs/benchmarks.md: about 3,000 commands/s on SQLite,
 * 800–1,000 on PostgreSQL) 256 queued commands drain in roughly 0.1–0.3 s, so an admitted
 * write is answered well within a client's timeout; docs/operations.md has the reasoning.
 */
export const DEFAULT_MAX_QUEUED_COMMANDS = 256;

/** `Retry-After` of a shed write: the queue drains in well under a second. */
export const SHED_RETRY_AFTER_SECONDS = 1;
