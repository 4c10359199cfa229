import type { AccountState, Command } from '@account-ops/accounts';
import { createAccountOps } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { DEFAULT_PROJECTIONS, openReadModels } from '@account-ops/projections';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import Database from 'better-sqlite3';

/** The card-fingerprint secret of the seeded store's engine (≥ 16 characters). */
export const SECRET = 'cli-e2e-card-fingerprint-secret';

/** What the seeded store holds, computed in-process for the CLI's output to match. */
export interface Seeded {
  /** acc-1's state right after version 5, and at its head (JSON round-tripped). */
  readonly stateAt5: AccountState;
  readonly headState: AccountState;
  readonly head: number;
  /** occurredAt of each acc-1 version, 1-based. */
  readonly times: readonly string[];
  readonly refundDeadline: string;
}

const on = (accountId: string, command: Command): Command => ({ ...command, accountId });

/**
 * acc-2 opens, cancels and is closed by its retention deadline (personal data erased);
 * then acc-1 is funded, requests refund r1 (its approval SLA pending), starts a top-up
 * left pending, and is frozen. Ten minutes between commands; read models inline.
 */
export async function seedStore(filename: string): Promise<Seeded> {
  const clock = new FakeClock(fx.NOW);
  const store = new SqliteEventStore({ filename, now: () => clock.now() });
  const readModels = openReadModels(store, {
    projections: DEFAULT_PROJECTIONS,
    now: () => clock.now(),
  });
  await readModels.start();
  const ops = createAccountOps({ store, clock, cardFingerprintSecret: SECRET });
  const run = async (command: Command) => {
    await ops.execute(command, fx.setUpOptions(command));
    clock.advanceMinutes(10);
  };
  for (const c of fx.funded(3_000)) await run(on('acc-2', c));
  await run(on('acc-2', fx.command('RequestCancellation', { reason: 'moving abroad' })));
  await run(on('acc-2', fx.command('ConfirmCancellation', {})));
  clock.advanceDays(31);
  await ops.deadlines.runDue();
  for (const c of fx.funded(10_000)) await run(c);
  await run(fx.refund('r1', 4_000));
  await run(fx.topUp('t2', 500));
  await run(fx.command('Freeze', { reason: 'manual', note: 'ops check' }));
  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const head = await ops.load(fx.ACCOUNT_ID);
  const events = await store.readStream('account-acc-1');
  const seeded: Seeded = {
    stateAt5: json((await ops.load(fx.ACCOUNT_ID, 5)).state),
    headState: json(head.state),
    head: head.version,
    times: events.map((e) => e.metadata.occurredAt),
    refundDeadline: head.state.refunds['r1']!.approvalDeadline,
  };
  await readModels.stop();
  await store.close();
  // Fold the WAL into the file, so copying the one file copies the whole store.
  const db = new Database(filename);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return seeded;
}
