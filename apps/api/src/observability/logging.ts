import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { ApiRequest } from '../auth/request-context';
import { holdsCardNumber } from '../http/stored-headers';
import { maskCardNumbers } from '../security/card-numbers';
import { redactQuery, redactQueryStrings } from '../security/query-strings';

/** Where and how much the API logs. */
export interface LogOptions {
  /** pino level (default `info`). */
  readonly level?: string;
  /** Defaults to stdout; tests pass a stream to capture lines. */
  readonly destination?: DestinationStream;
}

/** Defence in depth: the serializers below never include headers or bodies in the first place. */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-step-up-code"]',
  'req.headers.cookie',
  'req.body',
  'cardNumber',
  '*.cardNumber',
  '*.*.cardNumber',
];

export function createRootLogger(options: LogOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'account-ops-api' },
      // ISO time, not epoch milliseconds: a 13-digit number would meet the PAN mask.
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // The last line of defence: a card number or a query string that got into a log line
      // anyway (an error message quoting a URL) is masked.
      hooks: { streamWrite: (line) => maskCardNumbers(redactQueryStrings(line)) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The client's X-Request-Id when well-formed, else a fresh UUID; echoed on the response.
 * One holding a card number is not adopted (the request is then refused with 400).
 */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id =
    typeof given === 'string' && REQUEST_ID.test(given) && !holdsCardNumber(given)
      ? given
      : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * One JSON line per request: request id, method, URL (query values and unknown parameter
 * names redacted), status, latency and — once the guard has run — the actor id and how it signed in (`auth`:
 * api_key, oidc), or why it was not authenticated (`authRefusal`). Headers
 * (the API key, the TOTP code) and bodies (the card number) are never serialised.
 */
export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestId,
    quietReqLogger: true,
    customProps: (req) => {
      const { actor, identity, authRefusal } = req as ApiRequest;
      if (actor) return { actorId: actor.id, ...(identity ? { auth: identity.method } : {}) };
      return authRefusal ? { authRefusal } : {};
    },
    // A 503 is a deliberate refusal (writes shed, a dependency not ready), not a failure of
    // ours: a warning, like the 4xx. Real errors (500) stay errors, with their stack.
    customLogLevel: (_req, res, error) =>
      error || (res.statusCode >= 500 && res.statusCode !== 503)
        ? 'error'
        : res.statusCode >= 400
          ? 'warn'
          : 'info',
    // pino-http invents an Error ("failed with status code 503") for every 5xx; on a
    // deliberate 503 its stack is noise in every line of a flood.
    customErrorObject: (_req, res, error, logged) => {
      if (res.statusCode !== 503 || error.message !== 'failed with status code 503') return logged;
      const { err: _err, ...rest } = logged as Record<string, unknown>;
      return rest;
    },
    customSuccessMessage: (req, res) => `${req.method} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${res.statusCode}`,
    serializers: {
      req: (req: {
        id: unknown;
        method: string;
        url: string;
        headers: Record<string, unknown>;
      }) => ({
        id: req.id,
        method: req.method,
        url: redactQuery(req.url),
        idempotencyKey: req.headers['idempotency-key'],
        userAgent: req.headers['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
