/* global module -- loaded with require() by autocannon's worker thread */
'use strict';
// Runs inside autocannon's worker thread, which is plain Node (no TypeScript, no jest), so
// it stays a small CommonJS file. Autocannon keeps one `context` per connection and resets
// it at the start of the request sequence: each pass through the sequence plays a fresh
// account. Every write gets its own Idempotency-Key.
module.exports = function setupRequest(request, context) {
  context.accountId = context.accountId || `ld-${globalThis.crypto.randomUUID()}`;
  const fill = (text) => text && text.split('{account}').join(context.accountId);
  return {
    ...request,
    path: fill(request.path),
    body: fill(request.body),
    headers: { ...request.headers, 'idempotency-key': globalThis.crypto.randomUUID() },
  };
};
