import { ApiKeyRing } from './api-keys';
import { CallerIdentifier, refusalReason } from './caller';
import type { ApiRequest } from './request-context';

const KEY = 'auditor-key-0123456789';
const ring = new ApiKeyRing([{ key: KEY, actor: { id: 'au-1', roles: ['auditor'] } }]);
const requestWith = (authorization?: string) =>
  ({ headers: authorization === undefined ? {} : { authorization } }) as ApiRequest;

describe('CallerIdentifier', () => {
  it('answers each request once: the rate limiter and the guard share the same result', async () => {
    const callers = new CallerIdentifier(ring);
    const request = requestWith(`Bearer ${KEY}`);
    const first = callers.identify(request);
    expect(callers.identify(request)).toBe(first);
    expect(await first).toEqual({
      actor: { id: 'au-1', roles: ['auditor'] },
      identity: { method: 'api_key' },
    });
    expect(callers.identify(requestWith(`Bearer ${KEY}`))).not.toBe(first);
  });

  it('without an issuer a JWT-shaped credential is just an unknown key', async () => {
    const callers = new CallerIdentifier(ring);
    expect(await callers.identify(requestWith('Bearer eyJhbGciOiJub25lIn0.e30.'))).toEqual({
      refusal: { kind: 'key', why: 'invalid' },
    });
  });

  it('says why, never with the credential', async () => {
    const callers = new CallerIdentifier(ring);
    const reasons = await Promise.all(
      [undefined, 'Basic x', 'Bearer nope-nope-nope-nope'].map(async (header) => {
        const caller = await callers.identify(requestWith(header));
        return caller.refusal && refusalReason(caller.refusal);
      }),
    );
    expect(reasons).toEqual(['missing', 'malformed', 'api key invalid']);
    expect(refusalReason({ kind: 'token', why: { kind: 'no_role', subject: 'u-1' } })).toBe(
      'token grants no role (sub u-1)',
    );
  });
});
