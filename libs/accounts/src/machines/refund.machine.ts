import { assign, setup } from 'xstate';
import { stepperFor, statesTagged, type PersistedMachineState } from './machine-stepper';

/** SPEC §4 refund statuses. */
export const REFUND_STATUSES = [
  'requested',
  'partially_approved',
  'approved',
  'payout_pending',
  'paid',
  'payout_failed',
  'rejected',
  'cancelled',
  'expired',
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export type RefundMachineEvent =
  | { type: 'APPROVE' }
  | { type: 'REJECT' }
  | { type: 'CANCEL' }
  | { type: 'EXPIRE' }
  | { type: 'START_PAYOUT' }
  | { type: 'DEFER_PAYOUT' }
  | { type: 'PAYOUT_SUCCEEDED' }
  | { type: 'PAYOUT_FAILED' }
  | { type: 'RETRY_PAYOUT' };

/** How many approvals the refund needs (decided by amount at request time) and has. */
export type RefundMachineContext = { approvalsRequired: number; approvals: number };
export type RefundMachineState = PersistedMachineState<RefundStatus, RefundMachineContext>;

/**
 * One instance per refund. Tags carry the facts the aggregate needs: `holds_funds` (the
 * amount sits in `held`), `awaiting_approval` (the SLA runs; the requester may cancel).
 * Payout pauses while frozen by staying `approved`; the aggregate sends START_PAYOUT when
 * the account is (or becomes) unfrozen, and DEFER_PAYOUT when the card on file replaced
 * another too recently (the payout then starts when the hold ends).
 */
export const refundMachine = setup({
  types: {} as {
    context: RefundMachineContext;
    events: RefundMachineEvent;
    input: { approvalsRequired: number };
  },
  guards: {
    completesApproval: ({ context }) => context.approvals + 1 >= context.approvalsRequired,
  },
  actions: {
    countApproval: assign({ approvals: ({ context }) => context.approvals + 1 }),
  },
}).createMachine({
  id: 'refund',
  context: ({ input }) => ({ approvalsRequired: input.approvalsRequired, approvals: 0 }),
  initial: 'requested',
  states: {
    requested: {
      tags: ['holds_funds', 'awaiting_approval'],
      on: {
        APPROVE: [
          { guard: 'completesApproval', target: 'approved', actions: 'countApproval' },
          { target: 'partially_approved', actions: 'countApproval' },
        ],
        REJECT: 'rejected',
        CANCEL: 'cancelled',
        EXPIRE: 'expired',
      },
    },
    partially_approved: {
      tags: ['holds_funds', 'awaiting_approval'],
      on: {
        APPROVE: { guard: 'completesApproval', target: 'approved', actions: 'countApproval' },
        REJECT: 'rejected',
        CANCEL: 'cancelled',
        EXPIRE: 'expired',
      },
    },
    // DEFER_PAYOUT: the card changed recently (SPEC §3); the refund stays approved and a
    // durable timer sends START_PAYOUT when the hold ends.
    approved: {
      tags: ['holds_funds'],
      on: { START_PAYOUT: 'payout_pending', DEFER_PAYOUT: 'approved' },
    },
    payout_pending: {
      tags: ['holds_funds', 'payout_in_flight'],
      on: { PAYOUT_SUCCEEDED: 'paid', PAYOUT_FAILED: 'payout_failed' },
    },
    payout_failed: {
      tags: ['holds_funds'],
      on: { RETRY_PAYOUT: 'payout_pending', CANCEL: 'cancelled' },
    },
    paid: { type: 'final' },
    rejected: { type: 'final' },
    cancelled: { type: 'final' },
    expired: { type: 'final' },
  },
});

export const refundStepper = stepperFor<
  RefundMachineState,
  RefundMachineEvent,
  { approvalsRequired: number }
>(refundMachine);

/** Statuses whose amount is reserved in `held`: SPEC's "open refunds". */
export const OPEN_REFUND_STATUSES = statesTagged(
  refundMachine,
  'holds_funds',
) as ReadonlySet<RefundStatus>;
/** Statuses in which no decision has been made yet. */
export const AWAITING_APPROVAL_STATUSES = statesTagged(
  refundMachine,
  'awaiting_approval',
) as ReadonlySet<RefundStatus>;
/** Statuses in which money is on its way to the card. */
export const PAYOUT_IN_FLIGHT_STATUSES = statesTagged(
  refundMachine,
  'payout_in_flight',
) as ReadonlySet<RefundStatus>;
