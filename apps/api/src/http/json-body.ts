import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { hasDuplicateKey } from './duplicate-keys';
import { ApiError } from './problem';

/** Default request body limit: commands are small; anything bigger is a mistake or an attack. */
export const DEFAULT_BODY_LIMIT = '16kb';

const JSON_TYPES = ['application/json', 'application/*+json'];

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

const DUPLICATE_KEY = 'entity.duplicate.key';

/** body-parser's `verify` hook: runs on the raw body before it is parsed. */
function refuseDuplicateKeys(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  if (hasDuplicateKey(body.toString(encoding as BufferEncoding))) {
    throw Object.assign(new Error('duplicate key'), { type: DUPLICATE_KEY });
  }
}

/**
 * body-parser's errors, turned into problems. Its parse error messages quote the body
 * (V8's JSON.parse does), and the body may hold a card number: never pass them on.
 */
function toApiError(error: unknown): ApiError {
  const type = (error as { type?: unknown }).type;
  switch (type) {
    case 'entity.too.large':
      return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than allowed.');
    case DUPLICATE_KEY:
      return new ApiError(400, 'VALIDATION_FAILED', 'The request is invalid.', {
        errors: [{ field: 'body', reason: 'must not repeat a key within an object' }],
      });
    case 'entity.parse.failed':
      return new ApiError(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON.');
    default:
      return new ApiError(400, 'BAD_REQUEST', 'The request body could not be read.');
  }
}

/** No command nests deeper than 3 levels; 32 leaves room and stops recursion attacks. */
export const MAX_BODY_DEPTH = 32;

/**
 * Whether `value` nests objects or arrays deeper than `max`. Iterative: a body of a few
 * kilobytes can nest thousands of levels (`[[[[…`), and every recursive walk downstream
 * (Nest's prototype-key stripping, validation, canonical JSON) would overflow the stack
 * on it — a 500 from a 16 kB request.
 */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}

/**
 * Parses JSON bodies up to `limit` and refuses any other media type with a body (415): a
 * text/plain body would otherwise be silently ignored and the command run without it.
 * Bodies nested deeper than MAX_BODY_DEPTH are refused (400) before anything walks them, and
 * so are bodies repeating a key within an object (400): JSON.parse would keep the last.
 */
export function jsonBody(limit: string | number = DEFAULT_BODY_LIMIT): RequestHandler {
  const parse = express.json({
    limit,
    type: JSON_TYPES,
    strict: true,
    verify: refuseDuplicateKeys,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (hasBody(req) && !req.is(JSON_TYPES)) {
      next(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'));
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error) return next(toApiError(error));
      if (nestsDeeperThan(req.body, MAX_BODY_DEPTH)) {
        return next(
          new ApiError(400, 'VALIDATION_FAILED', 'The request is invalid.', {
            errors: [
              { field: 'body', reason: `must not nest deeper than ${MAX_BODY_DEPTH} levels` },
            ],
          }),
        );
      }
      next();
    });
  };
}
