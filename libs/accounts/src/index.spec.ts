import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_ACCOUNT_CONFIG,
  DomainError,
  EVENT_SCHEMA_VERSIONS,
  EVENT_TYPES,
  decide,
  deadlinesFor,
  evolve,
  initialState,
  type Command,
  type DecideContext,
} from './index';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the public API', () => {
  const context: DecideContext = {
    now: '2025-03-10T09:00:00.000Z',
    config: DEFAULT_ACCOUNT_CONFIG,
    stepUpVerified: false,
    fingerprintCard: () => 'hmac:0123456789abcdef0123',
  };
  const actor = { id: 'op-1', roles: ['operator' as const] };

  it('decides, evolves and derives deadlines through index.ts alone', () => {
    const opened = decide(
      initialState,
      {
        type: 'OpenAccount',
        accountId: 'a1',
        actor,
        ownerName: 'A',
        ownerEmail: 'a@b.co',
        currency: 'EUR',
      },
      context,
    );
    const state = opened.reduce(evolve, initialState);
    expect(state).toMatchObject({ status: 'active', accountId: 'a1' });
    expect(opened.flatMap(deadlinesFor)).toEqual([]);
    const refused = (() => {
      try {
        return decide(state, { type: 'CloseAccount', accountId: 'a1', actor } as Command, context);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', kind: 'forbidden' });
  });

  it('gives every event type a schema version', () => {
    expect(EVENT_TYPES).toHaveLength(25);
    EVENT_TYPES.forEach((type) => expect(EVENT_SCHEMA_VERSIONS[type]).toBe(1));
  });

  it('imports nothing of ours and nothing of NestJS outside its tests', () => {
    const offenders = sources(__dirname).filter((path) =>
      /from '(@account-ops\/|@nestjs\/|node:|fs|path|crypto)/.test(readFileSync(path, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
