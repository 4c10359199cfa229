import { MemoryEventStore, type RecordedEvent } from '@account-ops/event-store';
import { createHash } from 'node:crypto';
import { digestLine, hashMatchesContent, StoreDigest } from './store-digest';

const actor = { id: 'op-1', roles: ['operator'] };

async function sampleEvents(): Promise<RecordedEvent[]> {
  const store = new MemoryEventStore();
  await store.appendToStream(
    'account-a',
    [{ type: 'Opened', data: { n: 1 }, metadata: { actor } }],
    {
      expectedVersion: 'no_stream',
    },
  );
  await store.appendToStream(
    'account-b',
    [{ type: 'Opened', data: { n: 2 }, metadata: { actor } }],
    {
      expectedVersion: 'no_stream',
    },
  );
  await store.appendToStream(
    'account-a',
    [{ type: 'ToppedUp', data: { amount: 5 }, metadata: { actor } }],
    {
      expectedVersion: 1,
    },
  );
  return store.readAll();
}

const digestOf = (events: readonly RecordedEvent[]) => {
  const digest = new StoreDigest();
  events.forEach((e) => digest.add(e));
  return digest.result();
};

describe('store digest v1', () => {
  it('is SHA-256 over "<position>\\t<streamId>\\t<version>\\t<hash>\\n" lines in global order', async () => {
    const events = await sampleEvents();
    // An auditor's independent re-implementation, from the documented definition only.
    const text = events
      .map((e) => `${e.globalPosition.commit}\t${e.streamId}\t${e.version}\t${e.metadata.hash}\n`)
      .join('');
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(digestOf(events)).toEqual({ sha256: expected, events: 3 });
    expect(digestLine(events[2]!)).toBe(`3\taccount-a\t2\t${events[2]!.metadata.hash}\n`);
  });

  it('digests an empty store to the SHA-256 of nothing', () => {
    expect(digestOf([]).sha256).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('changes when an event is removed, reordered or its hash rewritten', async () => {
    const events = await sampleEvents();
    const original = digestOf(events).sha256;
    expect(digestOf(events.slice(1)).sha256).not.toBe(original);
    expect(digestOf([events[1]!, events[0]!, events[2]!]).sha256).not.toBe(original);
    const rewritten = { ...events[0]!, metadata: { ...events[0]!.metadata, hash: 'f'.repeat(64) } };
    expect(digestOf([rewritten, events[1]!, events[2]!]).sha256).not.toBe(original);
  });

  it('flags the first event whose content no longer matches its stored hash', async () => {
    const events = await sampleEvents();
    const changed = { ...events[2]!, data: { amount: 6 } };
    expect(hashMatchesContent(events[2]!)).toBe(true);
    expect(hashMatchesContent(changed)).toBe(false);
    const result = digestOf([events[0]!, events[1]!, changed]);
    expect(result.firstMismatch).toEqual({
      streamId: 'account-a',
      version: 2,
      eventId: events[2]!.eventId,
      position: '3',
    });
    // The lines are unchanged: only the recomputation sees a changed byte.
    expect(result.sha256).toBe(digestOf(events).sha256);
  });
});
