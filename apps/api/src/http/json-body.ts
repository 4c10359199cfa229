import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { ApiError } from './problem';

/** Default request body limit: commands are small; anything bigger is a mistake or an attack. */
export const DEFAULT_BODY_LIMIT = '16kb';

const JSON_TYPES = ['application/json', 'application/*+json'];

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
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
    case 'entity.parse.failed':
      return new ApiError(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON.');
    default:
      return new ApiError(400, 'BAD_REQUEST', 'The request body could not be read.');
  }
}

/**
 * Parses JSON bodies up to `limit` and refuses any other media type with a body (415): a
 * text/plain body would otherwise be silently ignored and the command run without it.
 */
export function jsonBody(limit: string | number = DEFAULT_BODY_LIMIT): RequestHandler {
  const parse = express.json({ limit, type: JSON_TYPES, strict: true });
  return (req: Request, res: Response, next: NextFunction) => {
    if (hasBody(req) && !req.is(JSON_TYPES)) {
      next(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'));
      return;
    }
    parse(req, res, (error?: unknown) => next(error ? toApiError(error) : undefined));
  };
}
