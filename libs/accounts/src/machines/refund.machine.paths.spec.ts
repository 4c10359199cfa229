import { getSimplePaths } from 'xstate/graph';
import type { RefundState } from '../state/account-state';
import type { AggregateDriver } from '../testing/aggregate-driver';
import { AggregateDriver as Driver } from '../testing/aggregate-driver';
import {
  APPROVER,
  APPROVER_2,
  MASTERCARD,
  OPERATOR,
  card,
  command,
  funded,
  refund,
} from '../testing/fixtures';
import { freezeFor, unfreezeFor } from '../testing/freeze-signals';
import {
  describePath,
  replayAgainstMachine,
  transitionPaths,
  type MachinePath,
  type PathDriver,
} from '../testing/machine-paths';
import { REFUND_STATUSES, refundMachine, type RefundMachineEvent } from './refund.machine';

// Every event the machine knows, read from its definition so none can be missed.
const EVENTS = refundMachine.events.map((type) => ({ type }) as RefundMachineEvent);
const r1 = (d: AggregateDriver): RefundState => d.state.refunds.r1 as RefundState;
const refundId = 'r1';

/** Freezes before the approval that completes the refund, so `approved` is observable. */
function refundDriver(amount: number): PathDriver<RefundMachineEvent> {
  return {
    events: EVENTS,
    start: () => new Driver([...funded(1_000_000), refund(refundId, amount)]),
    prepare: (event, d) => {
      if (
        event.type === 'APPROVE' &&
        r1(d).approvedBy.length + 1 >= r1(d).machine.context.approvalsRequired
      ) {
        return [freezeFor('manual', 'hold the payout')];
      }
      // Overdue instead of manual, so the card change is allowed and lifts the last reason.
      if (event.type === 'DEFER_PAYOUT') {
        return [command('MarkPaymentOverdue', {}), unfreezeFor('manual', 'release')];
      }
      return [];
    },
    commandFor(event, d) {
      switch (event.type) {
        case 'APPROVE':
          return command(
            'ApproveRefund',
            { refundId },
            r1(d).approvedBy.length === 0 ? APPROVER : APPROVER_2,
          );
        case 'REJECT':
          return command('RejectRefund', { refundId, reason: 'not eligible' });
        case 'CANCEL':
          return command(
            'CancelRefund',
            { refundId },
            r1(d).status === 'payout_failed' ? APPROVER : OPERATOR,
          );
        case 'EXPIRE':
          d.jumpTo(r1(d).approvalDeadline);
          return command('ExpireRefund', { refundId });
        case 'START_PAYOUT':
          if (r1(d).payoutHold) {
            d.jumpTo(r1(d).payoutHold!.until);
            return command('StartRefundPayout', { refundId });
          }
          return unfreezeFor('manual', 'release');
        case 'DEFER_PAYOUT':
          // A replacement card: the payout waits for the hold (SPEC §3).
          return card(MASTERCARD);
        case 'PAYOUT_SUCCEEDED':
          return command('MarkRefundPaidOut', { refundId });
        case 'PAYOUT_FAILED':
          return command('MarkRefundPayoutFailed', { refundId, reason: 'bank said no' });
        case 'RETRY_PAYOUT':
          return command('RetryRefundPayout', { refundId });
      }
    },
    observe: (d) => ({ value: r1(d).status, context: r1(d).machine.context }),
  };
}

describe.each([
  ['one approver', 1, 1_000],
  ['two approvers', 2, 600_000],
])(
  'refund machine (%s): every simple path agrees with decide/evolve',
  (_, approvalsRequired, amount) => {
    const paths = getSimplePaths(refundMachine, { input: { approvalsRequired }, events: EVENTS });

    it('enumerates every state the refund can reach', () => {
      const reached = new Set(paths.map((p) => p.state.value));
      // Every SPEC status; partially_approved exists only for two-approver refunds.
      const expected = REFUND_STATUSES.filter(
        (s) => approvalsRequired === 2 || s !== 'partially_approved',
      );
      expect([...reached].sort()).toEqual([...expected].sort());
    });

    it.each(paths.map((p) => [describePath(p), p] as const))('simple path %s', (_, path) => {
      replayAgainstMachine(
        path as unknown as MachinePath<RefundMachineEvent>,
        refundDriver(amount),
      );
    });

    const transitions = transitionPaths(refundMachine, {
      input: { approvalsRequired },
      events: EVENTS,
    });
    it.each(transitions.map((p) => [describePath(p), p] as const))(
      'transition path %s',
      (_, path) => {
        replayAgainstMachine(path, refundDriver(amount));
      },
    );
  },
);
