/** Response shapes of the API the console reads (docs/api.md, Responses). */

export type StepUpRequirement = 'never' | 'always' | { readonly above: number };

/** `GET /me`. */
export interface Session {
  readonly actorId: string;
  readonly roles: readonly string[];
  /** Route names (OpenAPI operationIds) this key passes the route guard for. */
  readonly routes: readonly string[];
  readonly stepUp: Readonly<Record<string, StepUpRequirement>>;
  readonly secondFactor: boolean;
  /** Only after single sign-on: the session's CSRF token and when it ends. */
  readonly signIn?: {
    readonly method: 'single-sign-on';
    readonly csrfToken: string;
    readonly expiresAt: string;
    readonly idleMinutes: number;
  };
}

/** `GET /auth/options`. */
export interface SignInMethods {
  readonly singleSignOn: boolean;
  readonly apiKey: boolean;
}

export interface Balance {
  readonly available: number;
  readonly held: number;
  readonly pendingIn: number;
}

export interface Refund {
  readonly refundId: string;
  readonly amount: number;
  readonly status: string;
  readonly reason: string;
  readonly note: string | null;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly approvedBy: readonly string[];
  readonly approvalDeadline: string;
  readonly decidedBy: string | null;
  readonly decisionReason: string | null;
  readonly payoutAttempts: number;
  readonly payoutFailureReason: string | null;
  readonly updatedAt: string;
}

export interface TopUp {
  readonly topUpId: string;
  readonly amount: number;
  readonly method: string;
  readonly status: string;
  readonly paymentReference: string;
  readonly initiatedAt: string;
  readonly initiatedBy: string;
  readonly completedAt: string | null;
  readonly failureReason: string | null;
}

export interface Freeze {
  readonly reason: string;
  readonly since: string;
  readonly by: string;
  readonly note: string | null;
}

/** `GET /accounts/:id` and `GET /accounts/:id/state`. */
export interface Account {
  readonly accountId: string;
  readonly currency: string;
  readonly status: string;
  readonly frozen: boolean;
  readonly freezeReasons: readonly string[];
  readonly freezes: readonly Freeze[];
  readonly balance: Balance;
  /** The account's own top-up limits; null: the configured default (optional: older APIs). */
  readonly topUpLimits?: { readonly singleMax: number | null; readonly dailyMax: number | null };
  readonly bankCard: {
    readonly last4: string;
    readonly brand: string;
    readonly bankName: string;
    readonly changedAt: string;
  } | null;
  readonly plan: {
    readonly pricePerCycle: number;
    readonly cycleDays: number;
    readonly cycleStart: string;
  } | null;
  readonly openedAt: string | null;
  readonly cancellation: {
    readonly requestedAt: string;
    readonly requestedBy: string;
    readonly reason: string;
  } | null;
  readonly retentionUntil: string | null;
  readonly closedAt: string | null;
  readonly topUps: readonly TopUp[];
  readonly refunds: readonly Refund[];
  readonly version: number;
  /** Reads only; null once erased at closure (crypto-shredding). */
  readonly owner?: { readonly name: string; readonly email: string } | null;
}

/** A refund write's answer: the refund plus the account's balance after it. */
export interface RefundResult extends Refund {
  readonly accountId: string;
  readonly accountVersion: number;
  readonly balance: Balance;
}

/** `GET /ops/refunds` (the approval queue). */
export interface QueuedRefund extends Refund {
  readonly accountId: string;
  /** Opened by the API with the account's key; null once the account is closed. */
  readonly ownerName?: string | null;
  readonly currency: string;
  readonly approvalsRequired: number;
  readonly approvals: number;
  readonly ageSeconds: number;
}

export interface StoredEvent {
  readonly eventId: string;
  readonly version: number;
  readonly globalPosition: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: {
    readonly actor: { readonly id: string; readonly roles: readonly string[] };
    readonly occurredAt: string;
    readonly hash: string;
  };
}

/** `GET /accounts/:id/events`. */
export interface EventPage {
  readonly items: readonly StoredEvent[];
  readonly nextFromVersion: number | null;
}

/** `GET /accounts/:id/verify`. */
export interface Verification {
  readonly accountId: string;
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBad?: {
    readonly version: number;
    readonly eventId: string;
    readonly reason: string;
  };
}

/** `GET /ops/projections`. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly mode: string;
  readonly stale: boolean;
  readonly checkpoint: string;
  readonly head: string;
  readonly lagEvents: number;
  readonly lagSeconds: number;
  readonly eventsApplied: number;
  readonly updatedAt: string;
}

/** `GET /ops/frozen-accounts`. */
export interface FrozenAccount {
  readonly accountId: string;
  readonly currency: string | null;
  readonly status: string | null;
  readonly frozenSince: string;
  readonly reasons: readonly Freeze[];
}

/** `GET /ops/retention`. */
export interface AccountInRetention {
  readonly accountId: string;
  readonly currency: string;
  readonly cancelledAt: string | null;
  readonly cancellationReason: string | null;
  readonly closesAt: string;
}

/** `GET /ops/accounts`. */
export interface AccountRow {
  readonly accountId: string;
  readonly currency: string;
  readonly status: string;
  readonly frozen: boolean;
  readonly freezeReasons: readonly string[];
  readonly openedAt: string;
  readonly retentionUntil: string | null;
  readonly updatedAt: string;
}

/** `GET /ops/top-ups`. */
export interface PendingTopUp {
  readonly accountId: string;
  readonly topUpId: string;
  readonly amount: number;
  readonly currency: string;
  readonly method: string;
  readonly initiatedAt: string;
  readonly initiatedBy: string;
  readonly ageSeconds: number;
}

export interface Items<T> {
  readonly items: readonly T[];
}

/** `POST /search`: one account found. */
export interface SearchItem {
  readonly accountId: string;
  /** Null for a closed account (found by its id only). */
  readonly ownerName: string | null;
  readonly status: string;
  readonly frozen: boolean;
  readonly currency: string;
  readonly balance: Balance;
}

export interface SearchResult {
  readonly items: readonly SearchItem[];
  readonly truncated: boolean;
}
