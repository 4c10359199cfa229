/**
 * The problem codes the API layer itself answers with (the domain's refusal codes come
 * from ERROR_KINDS). docs/api.md's error table is generated from this and ERROR_KINDS; a
 * test checks that every code raised in apps/api/src is listed here.
 */
export const API_PROBLEMS: ReadonlyArray<{ code: string; status: number; when: string }> = [
  {
    code: 'VALIDATION_FAILED',
    status: 400,
    when: 'a body field, query parameter, path id or header is malformed; `errors` lists them',
  },
  {
    code: 'IDEMPOTENCY_KEY_REQUIRED',
    status: 400,
    when: 'a write without an `Idempotency-Key` header',
  },
  { code: 'MALFORMED_JSON', status: 400, when: 'the body is not JSON (or not an object or array)' },
  {
    code: 'BAD_REQUEST',
    status: 400,
    when: 'the request cannot be read (e.g. a broken percent-encoding)',
  },
  {
    code: 'UNAUTHENTICATED',
    status: 401,
    when: 'no `Authorization: Bearer` credential, an unknown or expired API key, or an access token that is not valid (signature, algorithm, `kid`, `iss`, `aud`, `exp`, `nbf`, `iat`, malformed)',
  },
  {
    code: 'FORBIDDEN',
    status: 403,
    when: 'the caller’s roles may not call the route (`details.rule` = `route`), a valid access token grants no role of this service (`details.rule` = `roles_claim`), or a domain rule about who may act',
  },
  {
    code: 'IDENTITY_PROVIDER_UNAVAILABLE',
    status: 503,
    when: 'an access token cannot be checked, or a console sign-in cannot start: the OIDC provider’s discovery document or key set cannot be fetched (`Retry-After` on token checks)',
  },
  {
    code: 'SESSION_ENDED',
    status: 401,
    when: 'the console session cookie names a session that ended (`details.reason`: `idle`, `absolute` or `unknown`)',
  },
  {
    code: 'CSRF_TOKEN_INVALID',
    status: 403,
    when: 'a write with the console session cookie but without its `X-CSRF-Token` (or from another origin)',
  },
  {
    code: 'SIGN_IN_NOT_CONFIGURED',
    status: 404,
    when: '`/auth/login` or `/auth/callback` while single sign-on is not configured',
  },
  { code: 'ROUTE_NOT_FOUND', status: 404, when: 'no such route' },
  {
    code: 'WEBHOOK_NOT_FOUND',
    status: 404,
    when: 'no webhook endpoint (or delivery) with that id',
  },
  {
    code: 'INVALID_WEBHOOK_INPUT',
    status: 400,
    when: 'a webhook change that cannot be made as given (e.g. re-sending a delivery that is not dead)',
  },
  {
    code: 'WEBHOOK_URL_REFUSED',
    status: 422,
    when: 'a webhook URL that is not https, or resolves to a private, loopback (outside development), link-local or metadata address',
  },
  {
    code: 'ACTOR_NOT_FOUND',
    status: 404,
    when: '`DELETE /step-up-lockouts/:actorId` for an actor without a configured second factor',
  },
  { code: 'CHECKPOINT_NOT_FOUND', status: 404, when: 'no checkpoint of the Merkle log signed yet' },
  { code: 'EVENT_NOT_FOUND', status: 404, when: '`eventId` names no stored event' },
  {
    code: 'EVENT_NOT_IN_TREE',
    status: 404,
    when: 'the event (or the account’s first event) is not in the requested tree size yet',
  },
  {
    code: 'TREE_SIZE_NOT_FOUND',
    status: 404,
    when: 'a tree size beyond what the Merkle log holds so far',
  },
  { code: 'VERSION_NOT_FOUND', status: 404, when: '`atVersion` beyond the account’s last version' },
  {
    code: 'VERSION_CONFLICT',
    status: 409,
    when: 'the account kept changing concurrently and the engine gave up retrying',
  },
  { code: 'PAYLOAD_TOO_LARGE', status: 413, when: 'the body is over 16 kB' },
  { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415, when: 'a body that is not `application/json`' },
  {
    code: 'HEADERS_TOO_LARGE',
    status: 431,
    when: 'the request line and headers are over 16 kB (refused by the HTTP parser)',
  },
  {
    code: 'IDEMPOTENCY_KEY_REUSED',
    status: 422,
    when: 'the key was used by the same caller for a different request',
  },
  {
    code: 'RATE_LIMITED',
    status: 429,
    when: 'too many requests for the key’s actor, or without a valid key from one address; `Retry-After` says when to retry',
  },
  {
    code: 'INTERNAL_ERROR',
    status: 500,
    when: 'anything unexpected; logged with the request id, never detailed in the body',
  },
  {
    code: 'STEP_UP_LOCKED',
    status: 403,
    when: 'too many wrong step-up codes (default 10 in 15 min): the actor’s step-up is locked until `details.lockedUntil`; `Retry-After` says when; an admin can lift it',
  },
  {
    code: 'STEP_UP_UNAVAILABLE',
    status: 503,
    when: 'the second factor could not be checked (a verifier or library failure, logged); nothing was changed',
  },
  {
    code: 'NOT_READY',
    status: 503,
    when: '`/health`: the store does not answer, or writes are being shed',
  },
  {
    code: 'OVERLOADED',
    status: 503,
    when: 'a write while too many commands are in flight in the process: nothing was written; retry after `Retry-After` with the same `Idempotency-Key`',
  },
  {
    code: 'ACCESS_LOG_UNAVAILABLE',
    status: 503,
    when: 'a read of personal data that could not be recorded in the read-access log: the data is withheld (fail closed); retry later',
  },
  { code: 'SERVICE_UNAVAILABLE', status: 503, when: 'another dependency is unavailable' },
];
