/* global module -- loaded with require() by autocannon's worker thread */
'use strict';
// Runs inside autocannon's worker thread (plain Node, CommonJS). Every flood request opens
// a fresh account under a fresh Idempotency-Key, the account id derived from the key, so
// the test can tell from the key alone which account a 2xx must have created and a 429 or
// 503 must not have.
module.exports = function floodRequest(request) {
  const id = globalThis.crypto.randomUUID();
  const key = `flood-${id}`;
  return {
    ...request,
    body: request.body && request.body.split('{account}').join(`fl-${id}`),
    headers: { ...request.headers, 'idempotency-key': key },
  };
};
