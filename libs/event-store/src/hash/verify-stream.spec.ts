import { sealEvents } from '../append/seal-events';
import type { RecordedEvent } from '../port/envelope';
import { position } from '../port/position';
import { GENESIS_HASH } from './hash-chain';
import { verifyStream, type StreamEvents } from './verify-stream';

const chain: RecordedEvent[] = sealEvents(
  's',
  Array.from({ length: 7 }, (_, n) => ({
    type: 'N',
    data: { n },
    metadata: { actor: { id: 'a', roles: [] } },
  })),
  { version: 0, hash: GENESIS_HASH },
  new Date(0),
).map((e, i) => ({ ...e, globalPosition: position(BigInt(i + 1)) }));

async function* oneByOne(events: readonly RecordedEvent[]) {
  for (const event of events) yield event;
}
async function* inPages(events: readonly RecordedEvent[], size: number) {
  for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
}
/** Every way a caller may hand over the same events. */
const shapes = (events: readonly RecordedEvent[]): [string, StreamEvents][] => [
  ['an array', events],
  ['an async iterable of events', oneByOne(events)],
  ['an async iterable of pages', inPages(events, 3)],
  ['an array of pages', [events.slice(0, 4), events.slice(4)]],
];

describe('verifyStream', () => {
  it.each(shapes(chain))('verifies an intact chain given as %s', async (_, events) => {
    expect(await verifyStream('s', events)).toEqual({ ok: true, checked: 7 });
  });

  const tampered = chain.map((e) => (e.version === 5 ? { ...e, data: { n: 40 } } : e));
  it.each(shapes(tampered))('stops at the first bad event given as %s', async (_, events) => {
    expect(await verifyStream('s', events)).toEqual({
      ok: false,
      checked: 5,
      firstBad: { version: 5, eventId: chain[4]!.eventId, reason: 'hash_mismatch' },
    });
  });

  const gap = [...chain.slice(0, 3), ...chain.slice(4)];
  it.each(shapes(gap))('finds a missing event across pages given as %s', async (_, events) => {
    expect(await verifyStream('s', events)).toMatchObject({
      ok: false,
      checked: 4,
      firstBad: { version: 5, reason: 'version_gap' },
    });
  });

  it('reads no further page once a bad event was found', async () => {
    let pagesRead = 0;
    async function* counted() {
      for await (const page of inPages(tampered, 2)) {
        pagesRead++;
        yield page;
      }
    }
    await verifyStream('s', counted());
    expect(pagesRead).toBe(3);
  });
});
