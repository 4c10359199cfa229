import type {
  FrozenAccount,
  PendingTopUp,
  ProjectionStatus,
  QueuedRefund,
  Refund,
} from '../../api/types';

/** One row of `GET /audit`: what the dashboard counts of it. */
export interface DecisionEntry {
  readonly type: string;
  readonly actorId: string;
  readonly occurredAt: string;
}

export interface DashboardInputs {
  readonly waiting: readonly QueuedRefund[];
  readonly expired: readonly (Refund & { readonly currency: string })[];
  readonly frozen: readonly FrozenAccount[];
  /** Pending top-ups older than a day (`/ops/top-ups?olderThanSeconds=86400`). */
  readonly staleTopUps: readonly PendingTopUp[];
  /** Today's RefundApproved and RefundRejected audit rows; undefined when not readable. */
  readonly decisions: readonly DecisionEntry[] | undefined;
  readonly projections: readonly ProjectionStatus[];
}

export interface DashboardFigures {
  /** Per currency: how many refunds wait and their total (minor units). */
  readonly waiting: readonly { currency: string; count: number; value: number }[];
  readonly waitingTotal: number;
  readonly dueWithin4h: number;
  readonly overdue: number;
  readonly expiredToday: number;
  readonly frozenByReason: readonly { reason: string; count: number }[];
  readonly frozenAccounts: number;
  readonly staleTopUps: readonly { currency: string; count: number; value: number }[];
  readonly decisionsByApprover:
    readonly { approver: string; approved: number; rejected: number }[] | undefined;
  readonly maxLagEvents: number;
  readonly maxLagSeconds: number;
}

/** Midnight UTC of the day `nowMs` is in: "today" for the figures (the server's day). */
export function startOfDayUtc(nowMs: number): number {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

function perCurrency(items: readonly { currency: string; amount: number }[]) {
  const by = new Map<string, { currency: string; count: number; value: number }>();
  for (const item of items) {
    const row = by.get(item.currency) ?? { currency: item.currency, count: 0, value: 0 };
    row.count++;
    row.value += item.amount;
    by.set(item.currency, row);
  }
  return [...by.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** A lead's day at a glance, from the ops lists and the audit model as the API gives them. */
export function dashboardFigures(inputs: DashboardInputs, nowMs: number): DashboardFigures {
  const today = startOfDayUtc(nowMs);
  const soon = nowMs + 4 * 3_600_000;
  const deadline = (r: QueuedRefund) => Date.parse(r.approvalDeadline);
  const reasons = new Map<string, number>();
  for (const account of inputs.frozen)
    for (const f of account.reasons) reasons.set(f.reason, (reasons.get(f.reason) ?? 0) + 1);
  let decisionsByApprover: DashboardFigures['decisionsByApprover'];
  if (inputs.decisions) {
    const by = new Map<string, { approver: string; approved: number; rejected: number }>();
    for (const d of inputs.decisions) {
      if (Date.parse(d.occurredAt) < today) continue;
      const row = by.get(d.actorId) ?? { approver: d.actorId, approved: 0, rejected: 0 };
      if (d.type === 'RefundApproved') row.approved++;
      else if (d.type === 'RefundRejected') row.rejected++;
      by.set(d.actorId, row);
    }
    decisionsByApprover = [...by.values()].sort(
      (a, b) =>
        b.approved + b.rejected - (a.approved + a.rejected) || a.approver.localeCompare(b.approver),
    );
  }
  return {
    waiting: perCurrency(inputs.waiting),
    waitingTotal: inputs.waiting.length,
    dueWithin4h: inputs.waiting.filter((r) => deadline(r) > nowMs && deadline(r) <= soon).length,
    overdue: inputs.waiting.filter((r) => deadline(r) <= nowMs).length,
    expiredToday: inputs.expired.filter((r) => Date.parse(r.updatedAt) >= today).length,
    frozenByReason: [...reasons.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    frozenAccounts: inputs.frozen.length,
    staleTopUps: perCurrency(inputs.staleTopUps),
    decisionsByApprover,
    maxLagEvents: Math.max(0, ...inputs.projections.map((p) => p.lagEvents)),
    maxLagSeconds: Math.max(0, ...inputs.projections.map((p) => p.lagSeconds)),
  };
}
