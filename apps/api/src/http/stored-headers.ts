import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CardNumberInText, containsCardNumber } from '@account-ops/accounts';

/**
 * Headers whose value is written to storage: the idempotency key (the idempotency table and
 * the derived entity ids) and the request id (the events' correlation id, the read-access
 * log). Both end in logs that cannot be cleaned, so a card number in them is refused like
 * one in free text.
 */
export const STORED_HEADERS = ['Idempotency-Key', 'X-Request-Id'] as const;

/**
 * A canonical UUID's dashes are its structure, not separators between digits: read as
 * separators, about one random UUID in 300 would hold a Luhn-valid 12–19 digit run across
 * its groups, and clients use UUIDs (alone or with a prefix) as keys and request ids. So a
 * UUID inside a header value is one opaque token; its widest group has 12 hex digits,
 * shorter than almost every card number.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Whether a stored header's value holds a card number. */
export const holdsCardNumber = (value: string): boolean =>
  containsCardNumber(value.replace(UUID, 'uuid'));

/** The name of the first stored header holding a card number, if any. */
export function headerWithCardNumber(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  return STORED_HEADERS.find((name) => {
    const value = headers[name.toLowerCase()];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return values.some(holdsCardNumber);
  });
}

/** 400 `CARD_NUMBER_IN_TEXT` before anything reads the headers, on every route. */
export function refuseCardNumbersInStoredHeaders(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = headerWithCardNumber(req.headers);
    next(header === undefined ? undefined : new CardNumberInText(header));
  };
}
