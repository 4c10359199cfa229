import type { DomainEvent } from '@account-ops/accounts';

/** How much one event moves each balance bucket, in minor units. */
export interface BalanceDelta {
  readonly available: number;
  readonly held: number;
  readonly pendingIn: number;
}

const NONE: BalanceDelta = { available: 0, held: 0, pendingIn: 0 };
// All three fields written out, always in this order: one object shape for every event
// (spreading a partial over NONE gives each event type its own, and inline projections
// fold every command's event through here).
const delta = (available: number, held: number, pendingIn: number): BalanceDelta => ({
  available,
  held,
  pendingIn,
});

/**
 * The balance rules of `evolve` (state/evolve-*.ts), as increments. Evolve takes refund and
 * top-up amounts from its own state while this takes them from the event; `decide` copies
 * the state's amount into every such event, so the two agree on every stored history (the
 * property test holds them to it). Like evolve, it changes nothing for other events.
 */
export function balanceDelta(event: DomainEvent): BalanceDelta {
  switch (event.type) {
    case 'TopUpInitiated':
      return delta(0, 0, event.data.amount);
    case 'TopUpSettled':
      return delta(event.data.amount, 0, -event.data.amount);
    case 'TopUpFailed':
      return delta(0, 0, -event.data.amount);
    case 'RefundRequested':
      return delta(-event.data.amount, event.data.amount, 0);
    // The three ways a refund ends without money leaving release the hold.
    case 'RefundRejected':
    case 'RefundCancelled':
    case 'RefundExpired':
      return delta(event.data.amount, -event.data.amount, 0);
    case 'RefundPaidOut':
      return delta(0, -event.data.amount, 0);
    case 'FinalStatementIssued':
      return delta(event.data.proratedCredit, 0, 0);
    case 'FinalPayoutIssued':
      return delta(-event.data.amount, 0, 0);
    default:
      return NONE;
  }
}
