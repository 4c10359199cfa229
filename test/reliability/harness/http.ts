import { authorization, type RelActor } from './actors';

/** One request of a workload: who sends what, under which Idempotency-Key. */
export interface Request {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly actor: RelActor;
  readonly body?: unknown;
  /** Writes carry one; a retry sends the same key and body. */
  readonly idempotencyKey?: string;
}

export interface Response {
  readonly status: number;
  readonly text: string;
  readonly replayed: boolean;
}

/** The request never got a full answer (connection refused or reset, timeout): outcome unknown. */
export class NoAnswer extends Error {
  constructor(
    readonly request: Request,
    cause: unknown,
  ) {
    super(`no answer to ${request.method} ${request.path}: ${String(cause)}`);
    this.name = 'NoAnswer';
  }
}

// Bounds every request, so a wedged server fails the test instead of hanging it.
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Sends one request and reads the whole body. Anything short of a complete response is
 * NoAnswer: the command may or may not have been applied, which is exactly the case a
 * retry with the same Idempotency-Key must resolve.
 */
export async function send(baseUrl: string, request: Request): Promise<Response> {
  const headers: Record<string, string> = { Authorization: authorization(request.actor) };
  if (request.idempotencyKey !== undefined) headers['Idempotency-Key'] = request.idempotencyKey;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  } catch (error) {
    throw new NoAnswer(request, error);
  }
}
