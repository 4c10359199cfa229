import { deadlineEnding, DEADLINE_ENDINGS } from '../deadlines/deadline-endings';
import type { Rng } from '../harness/rng';
import { stepsFor, TEST_PANS, type Step } from './steps';

type Episode = Step[];

const MIDDLES = [
  'top-up',
  'failed top-up',
  'refund paid',
  'refund with two approvers',
  'refund rejected',
  'refund cancelled',
  'payout failed then retried',
  'freeze and unfreeze',
  // No 'card change' episode: since SPEC §3's dual control a replacement needs a TOTP code
  // (which the crash client does not send) and holds payouts for 24 h; the first card of
  // each account is still set in every history (accountScript's first episode).
] as const;

/**
 * One account's life as the crash workload plays it: open, a card, then 1–6 random
 * episodes (each leaves no refund open, no top-up pending and no freeze, so any episode
 * may follow), then maybe an ending that leaves a durable deadline behind. Amounts are
 * planned so every refund is covered (a refund that expires instead only leaves more).
 */
export function accountScript(
  rng: Rng,
  accountId: string,
  keyPrefix: string,
  endings = true,
): Episode[] {
  const s = stepsFor(accountId, keyPrefix);
  let available = 0;
  let topUps = 0;
  let refunds = 0;
  const fund = (amount: number): Step[] => {
    const id = `tu-${++topUps}`;
    available += amount;
    return [s.initiate(id, amount), s.settle(id)];
  };
  const fundedFor = (amount: number): Step[] =>
    available >= amount ? [] : fund(amount - available + rng.int(0, 100_000));
  const refund = (min: number, max: number, steps: (id: string) => Step[]): Step[] => {
    const amount = rng.int(min, max);
    const id = `rf-${++refunds}`;
    const episode = [...fundedFor(amount), s.requestRefund(id, amount), ...steps(id)];
    available -= amount;
    return episode;
  };
  const episodes: Episode[] = [[s.open(), s.card(rng.pick(TEST_PANS))]];
  for (let i = rng.int(1, 6); i > 0; i--) {
    const kind = rng.pick(MIDDLES);
    switch (kind) {
      case 'top-up':
        episodes.push(fund(rng.int(1_000, 900_000)));
        break;
      case 'failed top-up': {
        const id = `tu-${++topUps}`;
        episodes.push([s.initiate(id, rng.int(1_000, 900_000)), s.fail(id)]);
        break;
      }
      case 'refund paid':
        episodes.push(refund(100, 200_000, (id) => [s.approve(id), s.paidOut(id)]));
        break;
      case 'refund with two approvers':
        episodes.push(
          refund(500_001, 900_000, (id) => [
            s.approve(id, 'approver'),
            s.approve(id, 'approver2'),
            s.paidOut(id),
          ]),
        );
        break;
      case 'refund rejected':
        // Rejected and cancelled refunds give their hold back; the plan does not count on it.
        episodes.push(refund(100, 200_000, (id) => [s.reject(id)]));
        break;
      case 'refund cancelled':
        episodes.push(refund(100, 200_000, (id) => [s.cancelRefund(id)]));
        break;
      case 'payout failed then retried':
        episodes.push(
          refund(100, 200_000, (id) => [
            s.approve(id),
            s.payoutFailed(id),
            s.retryPayout(id),
            s.paidOut(id),
          ]),
        );
        break;
      case 'freeze and unfreeze':
        episodes.push([s.freeze(), s.unfreeze()]);
        break;
    }
  }
  if (endings && rng.chance(0.5)) {
    const ending = rng.pick(DEADLINE_ENDINGS);
    episodes.push(...deadlineEnding(ending, s, rng, `rf-${++refunds}`, fundedFor));
  }
  return episodes;
}
