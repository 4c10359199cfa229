import { DomainError } from './domain-error';

export class InsufficientFunds extends DomainError<{ available: number; requested: number }> {
  constructor(available: number, requested: number) {
    super('INSUFFICIENT_FUNDS', `requested ${requested} but only ${available} is available`, {
      available,
      requested,
    });
  }
}

/** Which configured limit was hit. */
export type LimitName = 'top_up_single_max' | 'top_up_daily_max' | 'balance_max';

/**
 * A limit would be exceeded. `remaining` is the largest amount that would be accepted
 * right now (0 when none), so a client can offer it directly.
 */
export class LimitExceeded extends DomainError<{
  limitName: LimitName;
  limit: number;
  remaining: number;
  requested: number;
  limitSource: LimitSource;
}> {
  constructor(
    limitName: LimitName,
    limit: number,
    remaining: number,
    requested: number,
    limitSource: LimitSource = 'default',
  ) {
    const whose = limitSource === 'account' ? "the account's" : 'the default';
    super(
      'LIMIT_EXCEEDED',
      `${limitName} ${limit} (${whose} limit) exceeded; ${remaining} remaining`,
      { limitName, limit, remaining, requested, limitSource },
    );
  }
}

/**
 * Whose limit was hit: the account's own (SetTopUpLimits) or the configured default
 * (per currency where configured). The balance ceiling is always `default`.
 */
export type LimitSource = 'account' | 'default';

/** Which part of the four-eyes rule broke. */
export type MakerCheckerRule = 'approver_is_requester' | 'approver_already_approved';

export class MakerCheckerViolation extends DomainError<{
  refundId: string;
  rule: MakerCheckerRule;
}> {
  constructor(refundId: string, rule: MakerCheckerRule) {
    super('MAKER_CHECKER_VIOLATION', `refund ${refundId}: ${rule.replace(/_/g, ' ')}`, {
      refundId,
      rule,
    });
  }
}

/** Money can only leave to the account's bank card, and there is none on file. */
export class BankCardRequired extends DomainError<{ purpose: 'refund' | 'final_payout' }> {
  constructor(purpose: 'refund' | 'final_payout') {
    super('BANK_CARD_REQUIRED', `a bank card on file is required for the ${purpose}`, { purpose });
  }
}
