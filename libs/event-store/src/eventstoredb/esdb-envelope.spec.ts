import { sealEvents, type SealedEvent } from '../append/seal-events';
import { GENESIS_HASH } from '../hash/hash-chain';
import { verifyStream } from '../hash/verify-stream';
import type { EsdbAllRecordedEvent, EsdbEventData, EsdbRecordedEvent } from './esdb-client';
import { fromEsdbEvent, toEsdbEvent } from './esdb-envelope';
import { UnreadableEsdbEvent } from './esdb-errors';

const NOW = new Date('2026-01-15T10:00:00.000Z');
const ID = '0190a5f0-1111-7abc-8def-0123456789ab';

function sealed(): SealedEvent[] {
  return sealEvents(
    'acct-1',
    [
      {
        eventId: ID,
        type: 'Opened',
        schemaVersion: 3,
        data: { owner: 'Zoë', amount: 1250 },
        metadata: {
          actor: { id: 'u1', roles: ['operator'] },
          correlationId: 'corr-1',
          causationId: 'cmd-1',
          idempotencyKey: 'idem-1',
          extra: { requestId: 'r-1' },
        },
      },
      { type: 'Noted', data: null, metadata: { actor: { id: 'u1', roles: [] } } },
    ],
    { version: 0, hash: GENESIS_HASH },
    NOW,
  );
}

/** What the server hands back for event data the client wrote: JSON round trip, a revision, a position. */
function stored(
  data: EsdbEventData,
  revision: bigint,
  overrides: Partial<EsdbAllRecordedEvent> = {},
): EsdbAllRecordedEvent {
  return {
    streamId: 'ns-acct-1',
    id: data.id,
    isJson: true,
    revision,
    type: data.type,
    data: JSON.parse(JSON.stringify(data.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(data.metadata)) as unknown,
    position: { commit: 2_000n, prepare: 1_990n + revision },
    ...overrides,
  };
}

describe('envelope ↔ EventStoreDB event', () => {
  it('writes id, type and data as the JSON event, and the rest of the envelope as metadata', () => {
    const [first] = sealed();
    expect(toEsdbEvent(first!)).toEqual({
      id: ID,
      type: 'Opened',
      data: { owner: 'Zoë', amount: 1250 },
      metadata: {
        schemaVersion: 3,
        actor: { id: 'u1', roles: ['operator'] },
        occurredAt: NOW.toISOString(),
        correlationId: 'corr-1',
        causationId: 'cmd-1',
        idempotencyKey: 'idem-1',
        extra: { requestId: 'r-1' },
        prevHash: GENESIS_HASH,
        hash: first!.metadata.hash,
        $correlationId: 'corr-1',
        $causationId: 'cmd-1',
      },
    });
  });

  it('reads back exactly the sealed envelope, with version = revision + 1 and the position', async () => {
    const events = sealed();
    const recorded = events.map((event, i) =>
      fromEsdbEvent(stored(toEsdbEvent(event), BigInt(i)), 'acct-1'),
    );
    expect(recorded).toEqual(
      events.map((event, i) => ({
        ...event,
        globalPosition: { commit: 2_000n, prepare: 1_990n + BigInt(i) },
      })),
    );
    // The second event: defaults filled, null data, no optional metadata keys.
    expect(recorded[1]!.data).toBeNull();
    expect(recorded[1]!.schemaVersion).toBe(1);
    expect(Object.keys(recorded[1]!.metadata).sort()).toEqual(
      ['actor', 'causationId', 'correlationId', 'hash', 'occurredAt', 'prevHash'].sort(),
    );
    expect(recorded[1]!.metadata.prevHash).toBe(recorded[0]!.metadata.hash);
    expect(await verifyStream('acct-1', recorded)).toEqual({ ok: true, checked: 2 });
  });

  it('reads an event id the server spells in upper case as the lower-case id it hashed', async () => {
    const [first] = sealed();
    const event = fromEsdbEvent(
      stored(toEsdbEvent(first!), 0n, { id: ID.toUpperCase() }),
      'acct-1',
    );
    expect(event.eventId).toBe(ID);
    expect(await verifyStream('acct-1', [event])).toMatchObject({ ok: true });
  });

  describe('refuses events this adapter did not write', () => {
    const data = (): EsdbEventData => toEsdbEvent(sealed()[0]!);
    const metadata = (): Record<string, unknown> => ({ ...data().metadata });
    it.each([
      ['a binary event', { isJson: false, data: new Uint8Array([1]) }, /not a JSON event/],
      ['no position', { position: undefined }, /22\.6/],
      ['no metadata', { metadata: undefined }, /no envelope metadata/],
      ['binary metadata', { metadata: new Uint8Array([1]) }, /no envelope metadata/],
      [
        'no schema version',
        { metadata: { ...metadata(), schemaVersion: undefined } },
        /schemaVersion/,
      ],
      ['schema version 0', { metadata: { ...metadata(), schemaVersion: 0 } }, /schemaVersion/],
      ['no actor', { metadata: { ...metadata(), actor: 'u1' } }, /actor/],
      [
        'a numeric role',
        { metadata: { ...metadata(), actor: { id: 'u', roles: [1] } } },
        /roles\[0\]/,
      ],
      ['no hash', { metadata: { ...metadata(), hash: undefined } }, /metadata\.hash/],
      ['extra as a list', { metadata: { ...metadata(), extra: [] } }, /extra/],
      [
        'a numeric idempotency key',
        { metadata: { ...metadata(), idempotencyKey: 7 } },
        /idempotencyKey/,
      ],
    ])('%s', (_label, overrides, reason) => {
      const event: EsdbRecordedEvent = { ...stored(data(), 4n), ...overrides };
      const error = (() => {
        try {
          fromEsdbEvent(event, 'acct-1');
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(UnreadableEsdbEvent);
      expect(error).toMatchObject({ streamName: 'ns-acct-1', revision: 4n });
      expect((error as Error).message).toMatch(reason);
    });
  });
});
