import {
  actualVersionFrom,
  planAppend,
  revisionFromVersion,
  revisionOfTip,
  toEsdbExpectedRevision,
  versionFromRevision,
} from './expected-revision';

describe('versions and revisions', () => {
  it.each([
    [1, 0n],
    [2, 1n],
    [1000, 999n],
  ])('maps our version %d to revision %s and back', (version, revision) => {
    expect(revisionFromVersion(version)).toBe(revision);
    expect(versionFromRevision(revision)).toBe(version);
  });

  it('refuses a revision beyond safe integers', () => {
    expect(() => versionFromRevision(2n ** 60n)).toThrow(RangeError);
  });

  it.each([
    ['no_stream', 'no_stream'],
    [0, 'no_stream'],
    ['any', 'any'],
    ['stream_exists', 'stream_exists'],
    [1, 0n],
    [7, 6n],
  ] as const)('sends expected version %s as %s', (expected, revision) => {
    expect(toEsdbExpectedRevision(expected)).toBe(revision);
  });

  it.each([
    ['no_stream', 0],
    [-1n, 0],
    [0n, 1],
    [4n, 5],
  ] as const)('reads the actual version of current revision %s as %d', (current, version) => {
    expect(actualVersionFrom(current)).toBe(version);
  });

  it('names the tip of an empty stream NO_STREAM', () => {
    expect(revisionOfTip(0)).toBe('no_stream');
    expect(revisionOfTip(3)).toBe(2n);
  });
});

describe('planAppend', () => {
  it.each([
    // the caller's version pins the tip: sent as is, not retried
    [
      'no_stream',
      0,
      false,
      { kind: 'write', expectedRevision: 'no_stream', retryOnConflict: false },
    ],
    [0, 0, false, { kind: 'write', expectedRevision: 'no_stream', retryOnConflict: false }],
    [3, 3, false, { kind: 'write', expectedRevision: 2n, retryOnConflict: false }],
    // any / stream_exists: the tip's revision, so the chain cannot break; retried
    ['any', 0, false, { kind: 'write', expectedRevision: 'no_stream', retryOnConflict: true }],
    ['any', 5, false, { kind: 'write', expectedRevision: 4n, retryOnConflict: true }],
    ['stream_exists', 2, false, { kind: 'write', expectedRevision: 1n, retryOnConflict: true }],
    ['stream_exists', 0, true, { kind: 'reject', actual: 0 }],
    // behind the tip: only the server's idempotency check can accept it
    [2, 4, true, { kind: 'write', expectedRevision: 1n, retryOnConflict: false }],
    [
      'no_stream',
      4,
      true,
      { kind: 'write', expectedRevision: 'no_stream', retryOnConflict: false },
    ],
    [2, 4, false, { kind: 'reject', actual: 4 }],
    // ahead of the tip: cannot succeed
    [5, 4, true, { kind: 'reject', actual: 4 }],
    [1, 0, true, { kind: 'reject', actual: 0 }],
  ] as const)('expected %s at tip %d (ids given: %s) → %o', (expected, tip, idsGiven, plan) => {
    expect(planAppend(expected, tip, idsGiven)).toEqual(plan);
  });
});
