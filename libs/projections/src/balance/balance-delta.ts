import type { DomainEvent } from '@account-ops/accounts';

/** How much one event moves each balance bucket, in minor units. */
export interface BalanceDelta {
  readonly available: number;
  readonly held: number;
  readonly pendingIn: number;
}

const NONE: BalanceDelta = { available: 0, held: 0, pendingIn: 0 };
const delta = (d: Partial<BalanceDelta>): BalanceDelta => ({ ...NONE, ...d });

/**
 * The balance rules of `evolve` (state/evolve-*.ts), as increments. Evolve takes refund and
 * top-up amounts from its own state while this takes them from the event; `decide` copies
 * the state's amount into every such event, so the two agree on every stored history (the
 * property test holds them to it). Like evolve, it changes nothing for other events.
 */
export function balanceDelta(event: DomainEvent): BalanceDelta {
  switch (event.type) {
    case 'TopUpInitiated':
      return delta({ pendingIn: event.data.amount });
    case 'TopUpSettled':
      return delta({ pendingIn: -event.data.amount, available: event.data.amount });
    case 'TopUpFailed':
      return delta({ pendingIn: -event.data.amount });
    case 'RefundRequested':
      return delta({ available: -event.data.amount, held: event.data.amount });
    // The three ways a refund ends without money leaving release the hold.
    case 'RefundRejected':
    case 'RefundCancelled':
    case 'RefundExpired':
      return delta({ held: -event.data.amount, available: event.data.amount });
    case 'RefundPaidOut':
      return delta({ held: -event.data.amount });
    case 'FinalStatementIssued':
      return delta({ available: event.data.proratedCredit });
    case 'FinalPayoutIssued':
      return delta({ available: -event.data.amount });
    default:
      return NONE;
  }
}
