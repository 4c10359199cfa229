import fc from 'fast-check';
import { accountConfig } from '../config/account-config';
import { decide } from '../decide/decide';
import { isDomainError } from '../errors/domain-error';
import type { DomainEvent } from '../events/domain-event';
import { RECENT_COMPLETED_TOP_UPS, initialState, type AccountState } from '../state/account-state';
import { evolve, replay } from '../state/evolve';
import { command, context, open } from '../testing/fixtures';

/**
 * The state forgets completed top-ups beyond the most recent ones (SPEC §2 allows it: a
 * second settle or fail "is a no-op or a 409", the same reference twice is refused, and
 * the daily limit counts "initiated amounts that did not fail" of the UTC day — none of
 * them needs more than an id, a reference and a day's total). These properties hold the
 * pruned state to a reference that keeps every top-up in full and answers as decide did
 * before pruning: every command gets the same answer, event for event, error for error.
 */

type Full = { topUpId: string; amount: number; reference: string; day: string; status: string };

/** What decide answered before top-ups were pruned, from every top-up in full. */
function reference(
  topUps: Map<string, Full>,
  step: Step,
  now: string,
  config: ReturnType<typeof accountConfig>,
  balance: { available: number; held: number; pendingIn: number },
): { code: string; details?: unknown } | { event: string } {
  if (step.kind === 'initiate') {
    if (topUps.has(step.topUpId)) return { code: 'TOP_UP_ALREADY_EXISTS' };
    const same = [...topUps.values()].find((t) => t.reference === step.reference);
    if (same) return { code: 'DUPLICATE_PAYMENT_REFERENCE', details: same.topUpId };
    const used = [...topUps.values()]
      .filter((t) => t.status !== 'failed' && t.day === now.slice(0, 10))
      .reduce((sum, t) => sum + t.amount, 0);
    const daily = Math.max(0, config.topUpDailyMax - used);
    const ceiling = Number.MAX_SAFE_INTEGER - balance.available - balance.held - balance.pendingIn;
    const remaining = Math.min(config.topUpSingleMax, daily, ceiling);
    if (step.amount > config.topUpSingleMax) return { code: 'LIMIT_EXCEEDED', details: remaining };
    if (step.amount > daily) return { code: 'LIMIT_EXCEEDED', details: remaining };
    return { event: 'TopUpInitiated' };
  }
  const topUp = topUps.get(step.topUpId);
  if (!topUp) return { code: 'TOP_UP_NOT_FOUND' };
  if (topUp.status !== 'pending') return { code: 'INVALID_TRANSITION', details: topUp.status };
  return { event: step.kind === 'settle' ? 'TopUpSettled' : 'TopUpFailed' };
}

type Step =
  | { kind: 'initiate'; topUpId: string; reference: string; amount: number; hours: number }
  | { kind: 'settle' | 'fail'; topUpId: string; hours: number };

/** A settle or fail names a pending top-up (by index), or any id at all (`anyId`). */
type Planned =
  | Extract<Step, { kind: 'initiate' }>
  | { kind: 'settle' | 'fail'; pick: number; anyId: boolean; hours: number };

const planned: fc.Arbitrary<Planned> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('initiate' as const),
      topUpId: fc.integer({ min: 0, max: 600 }).map((n) => `t${n}`),
      reference: fc.integer({ min: 0, max: 900 }).map((n) => `ref-${n}`),
      amount: fc.integer({ min: 1, max: 4_000 }),
      hours: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('settle' as const, 'fail' as const),
      pick: fc.nat(),
      anyId: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      hours: fc.integer({ min: 0, max: 2 }),
    }),
  },
);

function resolve(p: Planned, full: Map<string, Full>): Step {
  if (p.kind === 'initiate') return p;
  const pending = [...full.values()].filter((t) => t.status === 'pending');
  const topUpId =
    p.anyId || pending.length === 0
      ? `t${p.pick % 600}`
      : pending[p.pick % pending.length]!.topUpId;
  return { kind: p.kind, topUpId, hours: p.hours };
}

const config = accountConfig({ topUpSingleMax: 3_000, topUpDailyMax: 30_000 });
const toCommand = (s: Step) =>
  s.kind === 'initiate'
    ? command('InitiateTopUp', {
        topUpId: s.topUpId,
        amount: s.amount,
        method: 'bank_transfer',
        paymentReference: s.reference,
      })
    : s.kind === 'settle'
      ? command('SettleTopUp', { topUpId: s.topUpId })
      : command('FailTopUp', { topUpId: s.topUpId, reason: 'declined' });

function answer(state: AccountState, s: Step, now: string) {
  try {
    return { events: decide(state, toCommand(s), context({ now, config })) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { error };
  }
}

describe('top-ups the state no longer holds in full', () => {
  it('leave every answer to every later command as it was, with the state bounded', () => {
    let mostArchived = 0;
    fc.assert(
      fc.property(fc.array(planned, { minLength: 500, maxLength: 800 }), (plan) => {
        let state = replay(decide(initialState, open(), context({ config })), initialState);
        let events: DomainEvent[] = [];
        const full = new Map<string, Full>();
        let at = Date.parse('2025-03-10T00:00:00.000Z');
        for (const p of plan) {
          const s = resolve(p, full);
          at += s.hours * 3_600_000;
          const now = new Date(at).toISOString();
          const expected = reference(full, s, now, config, state.balance);
          const got = answer(state, s, now);
          if ('event' in expected) {
            expect(got.events?.map((e) => e.type)).toEqual([expected.event]);
          } else {
            expect(got.error?.code).toBe(expected.code);
            const d = got.error?.details as Record<string, unknown> | undefined;
            if (expected.code === 'DUPLICATE_PAYMENT_REFERENCE')
              expect(d?.topUpId).toBe(expected.details);
            if (expected.code === 'INVALID_TRANSITION') expect(d?.current).toBe(expected.details);
            if (expected.code === 'LIMIT_EXCEEDED') expect(d?.remaining).toBe(expected.details);
          }
          for (const e of got.events ?? []) {
            state = evolve(state, e);
            events.push(e);
            if (e.type === 'TopUpInitiated') {
              full.set(e.data.topUpId, {
                topUpId: e.data.topUpId,
                amount: e.data.amount,
                reference: e.data.paymentReference,
                day: now.slice(0, 10),
                status: 'pending',
              });
            } else if (e.type === 'TopUpSettled' || e.type === 'TopUpFailed') {
              full.get(e.data.topUpId)!.status = e.type === 'TopUpSettled' ? 'settled' : 'failed';
            }
          }
        }
        const pending = [...full.values()].filter((t) => t.status === 'pending').length;
        expect(Object.keys(state.topUps).length).toBeLessThanOrEqual(
          pending + RECENT_COMPLETED_TOP_UPS,
        );
        expect(state.topUpLedger.archived + Object.keys(state.topUps).length).toBe(full.size);
        mostArchived = Math.max(mostArchived, state.topUpLedger.archived);
        // The fold that writes in place gives the state evolve gives, and a snapshot of it
        // (JSON) decides the same.
        const opened = replay(decide(initialState, open(), context({ config })), initialState);
        const folded = replay(events, opened);
        expect(folded).toEqual(state);
        expect(JSON.parse(JSON.stringify(folded))).toEqual(state);
        events = [];
      }),
      // No shrinking: a counterexample of hundreds of steps would take minutes to shrink.
      { numRuns: 15, endOnFailure: true },
    );
    // The runs did reach past the top-ups kept in full.
    expect(mostArchived).toBeGreaterThan(20);
  });

  it('a fold never changes the state it started from', () => {
    const start = replay(decide(initialState, open(), context()), initialState);
    const before = JSON.stringify(start);
    const events: DomainEvent[] = [];
    let state = start;
    for (let i = 0; i < 2 * RECENT_COMPLETED_TOP_UPS + 10; i++) {
      const cmd =
        i % 2 === 0
          ? toCommand({
              kind: 'initiate',
              topUpId: `t${i >> 1}`,
              reference: `r${i >> 1}`,
              amount: 1,
              hours: 0,
            })
          : toCommand({ kind: 'settle', topUpId: `t${i >> 1}`, hours: 0 });
      const produced = decide(state, cmd, context());
      produced.forEach((e) => (state = evolve(state, e)));
      events.push(...produced);
    }
    const folded = replay(events, start);
    expect(JSON.stringify(start)).toBe(before);
    expect(folded).toEqual(state);
    expect(folded.topUpLedger.archived).toBe(5);
    expect(Object.keys(folded.topUps)).toHaveLength(RECENT_COMPLETED_TOP_UPS);
  });
});
