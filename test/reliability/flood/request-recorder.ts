import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { authorization, REL_ACTORS, type RelActor } from '../harness/actors';

/** One request as the API answered it: who, what, under which key, with which status. */
export interface RecordedRequest {
  /** The actor of a valid test key, `guess` for any other Authorization, `none` without one. */
  readonly caller: RelActor | 'guess' | 'none';
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly status: number;
}

/**
 * Records every answer `server` gives, at the server (autocannon runs in a worker thread and
 * reports no per-request outcome). The Authorization header is turned into the caller's
 * name at once; no key is kept.
 */
export function recordRequests(server: Server): RecordedRequest[] {
  const callers = new Map(
    (Object.keys(REL_ACTORS) as RelActor[]).map((name) => [authorization(name), name]),
  );
  const recorded: RecordedRequest[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers.authorization;
    const caller = header === undefined ? 'none' : (callers.get(header) ?? 'guess');
    const key = req.headers['idempotency-key'];
    const method = req.method ?? '';
    const path = (req.url ?? '').split('?')[0]!;
    res.on('finish', () =>
      recorded.push({
        caller,
        method,
        path,
        idempotencyKey: typeof key === 'string' ? key : undefined,
        status: res.statusCode,
      }),
    );
  });
  return recorded;
}
