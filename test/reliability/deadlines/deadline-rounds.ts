import { DEADLINE_COLLECTION, toStoredDeadline } from '@account-ops/engine';
import type { TransactionalEventStore } from '@account-ops/event-store';
import { CRASH_CONFIG, crashClock } from '../crash/crash-settings';
import { CrashingApi } from '../crash/crashing-api';
import { playScript } from '../crash/script-client';
import { stepsFor, TEST_PANS, type Step } from '../crash/steps';
import { Rng } from '../harness/rng';
import type { ThrowawayStore } from '../harness/throwaway-store';
import { deadlineEnding, type DeadlineEnding } from './deadline-endings';

/** Per round: how many accounts end each way (6 deadlines to fire, 4 cancelled in time). */
const ROUND: ReadonlyArray<readonly [DeadlineEnding, number]> = [
  ['refund-expires', 3],
  ['account-closes', 3],
  ['approved-in-time', 2],
  ['reactivated', 2],
];

const REFUND_ID = 'rf-deadline';
// One domain day per real second: a round's deadlines come due about a second after its
// accounts are set up, so a round costs little more than the restart.
const CLOCK_FACTOR = 86_400;
const POLL_MS = 10;
const POLL_TIMEOUT_MS = 30_000;

export interface DeadlineRoundsReport {
  readonly rounds: number;
  readonly accounts: number;
  readonly expected: { readonly refundSla: number; readonly retention: number };
  readonly fired: { readonly refundSla: number; readonly retention: number };
  readonly firedAfterDowntime: number;
  readonly killsWhileFiring: number;
  readonly seconds: number;
}

function script(rng: Rng, accountId: string, ending: DeadlineEnding): Step[][] {
  const s = stepsFor(accountId, accountId);
  const funded = (amount: number) => [s.initiate('tu-1', amount), s.settle('tu-1')];
  return [
    [s.open(), s.card(rng.pick(TEST_PANS))],
    ...deadlineEnding(ending, s, rng, REFUND_ID, funded),
  ];
}

/** Deadline records of these accounts still pending in the store. */
async function pendingOf(store: TransactionalEventStore, accounts: ReadonlySet<string>) {
  const records = await store.listRecords(DEADLINE_COLLECTION);
  return records.map(toStoredDeadline).filter((d) => accounts.has(d.accountId));
}

/** Polls (bounded) until `done` says so; the store is read while the API runs. */
async function until(
  store: ThrowawayStore,
  done: (s: TransactionalEventStore) => Promise<boolean>,
) {
  const opened = await store.open();
  try {
    const deadline = Date.now() + POLL_TIMEOUT_MS;
    while (!(await done(opened))) {
      if (Date.now() > deadline) throw new Error('deadline round: condition not reached in time');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await opened.close();
  }
}

/**
 * Part 2, aimed: each round sets up accounts whose deadlines come due together (refunds
 * left to expire, cancellations left to close, and ones decided or reactivated in time),
 * waits until a random number of them has fired — or only until they are due, so they come
 * due while the API is down — and SIGKILLs the API in the middle of the scheduler's batch.
 * After every kill the checks run (DeadlineTracker: no firing without a pending deadline,
 * none early); at the end each account must show exactly the effect its ending implies.
 */
export async function runDeadlineRounds(
  store: ThrowawayStore,
  seed: number,
  rounds: number,
): Promise<DeadlineRoundsReport> {
  const started = Date.now();
  const rng = new Rng(seed);
  const api = new CrashingApi(store, crashClock(CLOCK_FACTOR), CRASH_CONFIG);
  const endings = new Map<string, DeadlineEnding>();
  let killsWhileFiring = 0;
  try {
    await api.start();
    for (let round = 1; round <= rounds; round++) {
      const batch = ROUND.flatMap(([ending, n]) =>
        Array.from({ length: n }, (_, i) => {
          const accountId = `dl-${seed.toString(36)}-r${round}-${ending}-${i}`;
          endings.set(accountId, ending);
          return playScript(api, accountId, script(rng, accountId, ending));
        }),
      );
      await Promise.all(batch);
      const accounts = new Set([...endings.keys()].filter((id) => id.includes(`-r${round}-`)));
      const toFire = (await pendingOfStore(store, accounts)).length;
      const target = rng.int(0, toFire - 1);
      if (target === 0) {
        // Kill as the first comes due: they fall due while no API runs.
        const firstDue = Math.min(
          ...(await pendingOfStore(store, accounts)).map((d) => Date.parse(d.dueAt)),
        );
        await until(store, async () => api.clock.now().getTime() >= firstDue);
      } else {
        await until(store, async (s) => toFire - (await pendingOf(s, accounts)).length >= target);
        killsWhileFiring++;
      }
      await api.killAndCheck(`deadline round ${round}`, false);
      await api.start();
    }
    await api.finish();
  } catch (error) {
    if (error instanceof Error) error.message += `\nlast API output:\n${api.recentOutput()}`;
    throw error;
  } finally {
    await api.stop();
  }
  return {
    rounds,
    accounts: endings.size,
    ...outcomes(api, endings),
    firedAfterDowntime: api.checker.deadlines.firedAfterDowntime,
    killsWhileFiring,
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

async function pendingOfStore(store: ThrowawayStore, accounts: ReadonlySet<string>) {
  const opened = await store.open();
  try {
    return await pendingOf(opened, accounts);
  } finally {
    await opened.close();
  }
}

/**
 * What each account must show after the final check, from the replayed events: the
 * ending's effect exactly when its deadline was left to fire. A step a deadline preempted
 * (an approval or reactivation that came too late) turns that account into a firing one.
 */
function outcomes(api: CrashingApi, endings: ReadonlyMap<string, DeadlineEnding>) {
  const preempted = new Set(api.ledger.refused.map((r) => r.accountId));
  const expected = { refundSla: 0, retention: 0 };
  const wrong: string[] = [];
  for (const [accountId, ending] of endings) {
    const state = api.checker.accountState(accountId);
    const late = preempted.has(accountId);
    const refund = state?.refunds[REFUND_ID]?.status;
    if (ending === 'refund-expires' || ending === 'approved-in-time') {
      const fires = ending === 'refund-expires' || late;
      if (fires) expected.refundSla++;
      const want = fires ? 'expired' : 'payout_pending';
      if (refund !== want) wrong.push(`${accountId}: refund ${refund}, expected ${want}`);
    } else {
      const fires = ending === 'account-closes' || late;
      if (fires) expected.retention++;
      const want = fires ? 'closed' : 'active';
      if (state?.status !== want) wrong.push(`${accountId}: ${state?.status}, expected ${want}`);
    }
  }
  if (wrong.length > 0) throw new Error(`deadline outcomes:\n  ${wrong.join('\n  ')}`);
  const { fired } = api.checker.deadlines;
  return {
    expected,
    fired: { refundSla: fired.refund_approval_sla, retention: fired.retention_expiry },
  };
}
