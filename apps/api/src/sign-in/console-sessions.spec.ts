import { MemoryEventStore } from '@account-ops/event-store';
import { FakeClock } from '@account-ops/testing';
import { ConsoleSessions, sessionKeyOf } from './console-sessions';
import { safeReturnPath } from './console-sign-in';
import type { SessionPerson } from './person-verifier';
import { readCookie, SessionCookies } from './session-cookies';

const TOKENS = { accessToken: 'access-token-value', idToken: 'id-token-value' };
const ANN = {
  actor: { id: 'oidc-approver-1', roles: ['approver'] },
  identity: { method: 'oidc' },
} as unknown as SessionPerson;

describe('console sessions (records in the store, timeouts on the injected clock)', () => {
  let clock: FakeClock;
  let store: MemoryEventStore;
  let sessions: ConsoleSessions;
  beforeEach(() => {
    clock = new FakeClock('2026-03-02T09:00:00.000Z');
    store = new MemoryEventStore();
    sessions = new ConsoleSessions(store, clock, { idleMinutes: 15, absoluteHours: 12 });
  });

  it('keys the record by the id’s SHA-256: the table holds no usable cookie', async () => {
    const { id } = await sessions.create(TOKENS, ANN);
    const rows = await store.listRecords('console_sessions');
    expect(rows.map((r) => r.key)).toEqual([sessionKeyOf(id)]);
    expect(JSON.stringify(rows)).not.toContain(id);
  });

  it('ends after 15 minutes without a request; each request restarts the count', async () => {
    const { id } = await sessions.create(TOKENS, ANN);
    clock.advanceMinutes(14);
    expect(await sessions.resolve(id)).toHaveProperty('session');
    clock.advanceMinutes(14);
    const alive = await sessions.resolve(id);
    expect('session' in alive && alive.session.person.actor.id).toBe('oidc-approver-1');
    clock.advanceMinutes(15);
    expect(await sessions.resolve(id)).toEqual({ ended: 'idle' });
    expect(await sessions.resolve(id)).toEqual({ ended: 'unknown' });
    expect(await store.listRecords('console_sessions')).toEqual([]);
  });

  it('ends 12 hours after sign-in however active', async () => {
    const { id } = await sessions.create(TOKENS, ANN);
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      clock.advanceMinutes(10);
      expect(await sessions.resolve(id)).toHaveProperty('session');
    }
    clock.advanceMinutes(10);
    expect(await sessions.resolve(id)).toEqual({ ended: 'absolute' });
  });

  it('sweeps sessions past their absolute end at the next sign-in', async () => {
    await sessions.create(TOKENS, ANN);
    clock.advanceHours(12);
    await sessions.create(TOKENS, ANN);
    expect(await store.listRecords('console_sessions')).toHaveLength(1);
  });

  it('says when it ends: the earlier of idle and absolute', async () => {
    const { session } = await sessions.create(TOKENS, ANN);
    expect(session.expiresAt).toBe('2026-03-02T09:15:00.000Z');
  });

  it('replaces tokens and facts after a step-up, but not in an ended session', async () => {
    const { id } = await sessions.create(TOKENS, ANN);
    const fresh = { accessToken: 'fresh-access', idToken: 'fresh-id' };
    const replaced = await sessions.replaceTokens(sessionKeyOf(id), fresh, ANN);
    expect(replaced?.accessToken).toBe('fresh-access');
    clock.advanceMinutes(16);
    expect(await sessions.replaceTokens(sessionKeyOf(id), fresh, ANN)).toBeUndefined();
  });

  it('compares CSRF tokens exactly', async () => {
    const { session } = await sessions.create(TOKENS, ANN);
    expect(ConsoleSessions.csrfMatches(session, session.csrfToken)).toBe(true);
    expect(ConsoleSessions.csrfMatches(session, `${session.csrfToken}x`)).toBe(false);
    expect(ConsoleSessions.csrfMatches(session, undefined)).toBe(false);
  });
});

describe('session cookies', () => {
  const headers = (publicUrl: string, set: (c: SessionCookies, res: never) => void) => {
    const cookies: string[] = [];
    const res = { append: (_: string, value: string) => cookies.push(value) } as never;
    set(new SessionCookies(publicUrl), res);
    return cookies;
  };

  it('over https: Secure, the __Host- prefix, httpOnly, SameSite=Strict for the session', () => {
    expect(headers('https://ops.bank.example', (c, res) => c.setSession(res, 'abc'))).toEqual([
      '__Host-aos-session=abc; Path=/; HttpOnly; SameSite=Strict; Secure',
    ]);
    expect(headers('https://ops.bank.example', (c, res) => c.setSignIn(res, 'xyz'))).toEqual([
      '__Host-aos-sign-in=xyz; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=600',
    ]);
  });

  it('over http on loopback (tests, development): no Secure flag, no prefix', () => {
    expect(headers('http://127.0.0.1:3000', (c, res) => c.setSession(res, 'abc'))).toEqual([
      'aos-session=abc; Path=/; HttpOnly; SameSite=Strict',
    ]);
  });

  it('reads only well-formed values of the named cookie', () => {
    const value = 'A'.repeat(43);
    expect(readCookie(`x=1; aos-session=${value}`, 'aos-session')).toBe(value);
    expect(readCookie('aos-session=short', 'aos-session')).toBeUndefined();
    expect(readCookie('aos-session=<script>aaaaaaaaaaaaaaaa', 'aos-session')).toBeUndefined();
    expect(readCookie(undefined, 'aos-session')).toBeUndefined();
  });
});

describe('the path a sign-in returns to', () => {
  it.each([
    ['/console/queue', '/console/queue'],
    ['/console/queue?status=requested', '/console/queue?status=requested'],
    ['/console', '/console'],
    ['https://evil.example/console', '/console/'],
    ['//evil.example/console', '/console/'],
    ['/console//evil.example', '/console/'],
    ['/console/\\evil', '/console/'],
    ['/docs', '/console/'],
    [undefined, '/console/'],
  ])('%s → %s', (given, expected) => {
    expect(safeReturnPath(given)).toBe(expected);
  });
});
