import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from './support/run-cli';
import { seedStore } from './support/seed-store';
import { tamperAndReseal } from './support/tamper';

/**
 * The verifiable log through the CLI on a SQLite store: checkpoints, proofs, evidence
 * bundles verified offline (acc-2 is closed and its data key shredded), and the tamper
 * cases of issue 27.
 */
const dir = mkdtempSync(join(tmpdir(), 'aos-log-'));
const seed = join(dir, 'seed.db');
const key = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PEM = key();
const env = {
  ACCOUNT_OPS_CHECKPOINT_KEY: PEM,
  ACCOUNT_OPS_CHECKPOINT_ORIGIN: 'bank.example/account-ops',
};
let copies = 0;
const copy = (): string => {
  const file = join(dir, `copy-${++copies}.db`);
  copyFileSync(seed, file);
  return file;
};
const cli = (store: string | undefined, ...args: string[]) => runCli(store, args, env);
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
jest.setTimeout(180_000);

let verifierKey: string;
let firstCheckpoint: string;

beforeAll(async () => {
  await seedStore(seed);
  const shown = await cli(seed, 'checkpoint', '--show-key');
  expect(shown.code).toBe(0);
  verifierKey = /verifier key {2}(\S+)/.exec(shown.stdout)![1]!;
  const signed = await cli(seed, 'checkpoint');
  expect(signed).toMatchObject({ code: 0 });
  firstCheckpoint = file('first.checkpoint', signed.stdout);
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('account-ops verifiable log', () => {
  it('prints the key, signs a checkpoint in the signed-note format', async () => {
    expect(verifierKey).toMatch(/^bank\.example\/account-ops\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const note = readFileSync(firstCheckpoint, 'utf8');
    expect(note).toMatch(
      /^bank\.example\/account-ops\n\d+\n[A-Za-z0-9+/]{43}=\ntime \S+Z\n\n\u2014 bank\.example\/account-ops \S+\n$/,
    );
  });

  it("exports a closed, shredded account's evidence, which verifies offline; a flipped byte is refused", async () => {
    const bundle = join(dir, 'acc-2.json');
    const exported = await cli(seed, 'export', 'acc-2', '--evidence', '--out', bundle);
    expect(exported).toMatchObject({ code: 0 });
    // No store configured at all: only the bundle and the key.
    const ok = await cli(undefined, 'verify-evidence', bundle, '--public-key', verifierKey);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(/^evidence verified: \d+ events of acc-2, hash chain intact/);
    const text = readFileSync(bundle, 'utf8');
    // Format v2: one multi-leaf proof for the bundle, none per event.
    const parsed = JSON.parse(text) as { format: string; multiProof: string; events: object[] };
    expect(parsed.format).toBe('account-ops-evidence-v2');
    expect(parsed.events.every((e) => !('inclusionProof' in e))).toBe(true);
    const short = file(
      'short.json',
      JSON.stringify({
        ...parsed,
        multiProof: Buffer.from(parsed.multiProof, 'base64').subarray(0, -32).toString('base64'),
      }),
    );
    const truncated = await cli(undefined, 'verify-evidence', short, '--public-key', verifierKey);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/EVIDENCE REFUSED: multiProof: the proof has too few hashes/);
    const at = text.indexOf('"amount":') + 9;
    const flipped = file('flipped.json', text.slice(0, at) + '9' + text.slice(at + 1));
    const bad = await cli(undefined, 'verify-evidence', flipped, '--public-key', verifierKey);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /EVIDENCE REFUSED: event \d+ \(version \d+, id \S+\): its hash does not match its content/,
    );
    const otherKey = await cli(
      undefined,
      'verify-evidence',
      bundle,
      '--public-key',
      file('other.pem', publicPemOf(key())),
    );
    expect(otherKey.code).toBe(1);
    expect(otherKey.stderr).toContain('not signed by the trusted key');
  });

  it('proves an event and the consistency of two checkpoints; verify-consistency checks them offline', async () => {
    const store = copy();
    const events = await cli(store, 'events', 'acc-1', '--jsonl');
    const eventId = JSON.parse(events.stdout.split('\n')[0]!).eventId as string;
    const proof = await cli(store, 'prove', 'event', eventId, '--public-key', verifierKey);
    expect(proof.code).toBe(0);
    expect(JSON.parse(proof.stdout)).toMatchObject({ eventId, version: 1 });
    appendEvent(store);
    const second = await cli(store, 'checkpoint');
    const newer = file('second.checkpoint', second.stdout);
    const consistency = await cli(store, 'prove', 'consistency', firstCheckpoint, newer);
    expect(consistency.code).toBe(0);
    const proofFile = file('consistency.json', consistency.stdout);
    const ok = await cli(
      undefined,
      'verify-consistency',
      firstCheckpoint,
      newer,
      '--proof',
      proofFile,
      '--public-key',
      verifierKey,
    );
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toMatch(/^consistent: the log of \d+ leaves extends the log of \d+ leaves/);
    const backwards = await cli(
      undefined,
      'verify-consistency',
      newer,
      firstCheckpoint,
      '--public-key',
      verifierKey,
    );
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('truncated');
  });

  it('catches an event rewritten and re-sealed: verify --all names the leaf, and the rebuilt log is inconsistent with the saved checkpoint', async () => {
    const store = copy();
    tamperAndReseal(store, 'account-acc-2', 3);
    const verify = await cli(store, 'verify', '--all');
    expect(verify.code).toBe(1);
    expect(verify.stdout).not.toContain('TAMPERED stream'); // the chains verify again
    expect(verify.stdout).toMatch(
      /TAMPERED Merkle log at leaf 2: event \S+ \(stream account-acc-2, version 3, position 3\)/,
    );
    // The attacker rebuilds the tree too: now the log contradicts the saved checkpoint.
    expect((await cli(store, 'tree', 'rebuild')).code).toBe(0);
    expect((await cli(store, 'verify', '--all')).code).toBe(0);
    const resigned = file('resigned.checkpoint', (await cli(store, 'checkpoint')).stdout);
    const fork = await cli(
      undefined,
      'verify-consistency',
      firstCheckpoint,
      resigned,
      '--public-key',
      verifierKey,
    );
    expect(fork.code).toBe(1);
    expect(fork.stderr).toContain('a fork');
  });

  it('catches the newest events deleted (truncation)', async () => {
    const store = copy();
    const db = new Database(store);
    db.prepare(
      'DELETE FROM events WHERE global_position = (SELECT max(global_position) FROM events)',
    ).run();
    db.close();
    const verify = await cli(store, 'verify', '--all');
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(
      /TAMPERED Merkle log: it holds (\d+) events but the store only \d+: events were removed/,
    );
  });
});

function publicPemOf(privatePem: string): string {
  return createPublicKey(privatePem).export({ type: 'spki', format: 'pem' }).toString();
}

/** One more event in the store, behind the engine (only its place in the log matters here). */
function appendEvent(store: string): void {
  const db = new Database(store);
  const last = db
    .prepare('SELECT * FROM events ORDER BY global_position DESC LIMIT 1')
    .get() as Record<string, unknown>;
  db.prepare(
    'INSERT INTO events (stream_id, version, event_id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    'account-extra',
    1,
    '01a2087c-0000-7000-8000-000000000001',
    'Extra',
    1,
    '{}',
    last.metadata,
  );
  db.close();
}
