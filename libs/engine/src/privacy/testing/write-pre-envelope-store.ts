/**
 * Writes pre-envelope-store.json: a store as the engine wrote it before envelope
 * encryption (data keys in clear, snapshots holding personal data in clear), for the
 * migration tests. Run once with the code of that time:
 * `npx tsx --tsconfig tsconfig.json libs/engine/src/privacy/testing/write-pre-envelope-store.ts`
 */
import type { Command } from '@account-ops/accounts';
import { MemoryEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAccountOps } from '../../create-account-ops';

const on = (accountId: string, command: Command): Command => ({ ...command, accountId });

async function main(): Promise<void> {
  const store = new MemoryEventStore();
  const clock = new FakeClock(fx.NOW);
  const ops = createAccountOps({
    store,
    clock,
    cardFingerprintSecret: 'pre-envelope-card-secret',
    config: { snapshotEvery: 2 },
  });
  let n = 0;
  const run = async (accountId: string, command: Command) => {
    await ops.execute(on(accountId, command), { idempotencyKey: `k-${++n}` });
    clock.advanceMinutes(5);
  };
  const closing = 'pre-closed';
  await run(closing, fx.open({ ownerName: 'Closa Formerly', ownerEmail: 'closa@pre.example' }));
  await run(closing, {
    ...fx.card(),
    holderName: 'CLOSA FORMERLY',
  } as Command);
  await run(closing, fx.command('RequestCancellation', { reason: 'moving' }));
  await run(closing, fx.command('ConfirmCancellation', {}));
  clock.advanceDays(31);
  await ops.deadlines.runDue();
  const live = 'pre-live';
  await run(live, fx.open({ ownerName: 'Livia Before', ownerEmail: 'livia@pre.example' }));
  await run(live, { ...fx.card(), holderName: 'LIVIA BEFORE' } as Command);
  await run(live, fx.topUp('t1', 5_000));
  await run(live, fx.settle('t1'));
  await run(live, fx.refund('r1', 1_000));
  const fresh = 'pre-fresh';
  await run(fresh, fx.open({ ownerName: 'Frida Unsnapped', ownerEmail: 'frida@pre.example' }));
  const collections = ['data-key', 'snapshot', 'idempotency', 'deadline', 'outbox'];
  const records = (
    await Promise.all(collections.map((collection) => store.listRecords(collection)))
  ).flat();
  const events = (await store.readAll()).map(({ globalPosition: _position, ...event }) => event);
  const fixture = {
    about: 'A store written by the engine before envelope encryption (write-pre-envelope-store.ts)',
    events,
    records,
  };
  writeFileSync(
    join(__dirname, 'pre-envelope-store.json'),
    `${JSON.stringify(fixture, null, 1)}\n`,
  );
}

void main();
