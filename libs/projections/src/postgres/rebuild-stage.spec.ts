import type { RecordedEvent } from '@account-ops/event-store';
import { AWKWARD_TEXT, BIG, copyProbeProjection } from '../testing/copy-probe-projection';
import { RebuildStage } from './rebuild-stage';

/** Events round-robin over three streams, positions 1..n. */
function events(n: number): RecordedEvent[] {
  const versions = [0, 0, 0];
  return Array.from({ length: n }, (_, i) => {
    const s = i % 3;
    return {
      eventId: `e-${i + 1}`,
      streamId: `probe-${s}`,
      version: ++versions[s]!,
      globalPosition: { commit: BigInt(i + 1), prepare: BigInt(i + 1) },
      type: 'Probe',
      schemaVersion: 1,
      data: {},
      metadata: {} as RecordedEvent['metadata'],
    };
  });
}

/** COPY's text format read back: the oracle the stage's SQL-built text must satisfy. */
function decode(text: string): (string | null)[][] {
  expect(text.endsWith('\n')).toBe(true);
  const unescape: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) =>
      line
        .split('\t')
        .map((field) =>
          field === '\\N' ? null : field.replace(/\\(.)/g, (_, c: string) => unescape[c]!),
        ),
    );
}

describe('the rebuild stage (SQLite, before COPY to PostgreSQL)', () => {
  it('writes every surviving row once, in insertion order, as COPY text that reads back exactly', () => {
    const stage = new RebuildStage([copyProbeProjection()]);
    try {
      const all = events(4_500);
      for (let i = 0; i < all.length; i += 1000) stage.apply(all.slice(i, i + 1000));
      const [table] = stage.tables();
      expect(table!.table).toBe('rm_copy_probe__rebuild');
      expect(table!.columns).toEqual(['row_id', 'note', 'big', 'small', 'missing']);
      const chunks = [...table!.copyText()];
      expect(chunks.length).toBeGreaterThan(1);
      // A row is deleted by its stream's next event when its version is a multiple of 3.
      const expected = all
        .filter((e) => !(e.version % 3 === 0 && e.version < 1_500))
        .map((e) => {
          const n = Number(e.globalPosition.commit);
          return [
            `${e.streamId}/${e.version}`,
            `${AWKWARD_TEXT} #${n}`,
            (BIG + BigInt(n)).toString(),
            String(e.version),
            null,
          ];
        });
      expect(decode(chunks.join(''))).toEqual(expected);
    } finally {
      stage.close();
    }
  });

  it('fails on the statement that fails, as the projector would', () => {
    const stage = new RebuildStage([
      {
        ...copyProbeProjection(),
        apply: () => [{ sql: 'INSERT INTO nowhere VALUES (1)', params: [] }],
      },
    ]);
    try {
      expect(() => stage.apply(events(1))).toThrow(/no such table: nowhere/);
    } finally {
      stage.close();
    }
  });
});
