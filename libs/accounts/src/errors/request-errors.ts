import type { Role } from '../actors/roles';
import { DomainError } from './domain-error';

/** A command field is malformed (400). `field` names it; the value is never echoed. */
export class ValidationFailed extends DomainError<{ field: string; reason: string }> {
  constructor(field: string, reason: string) {
    super('VALIDATION_FAILED', `${field} ${reason}`, { field, reason });
  }
}

/**
 * Free text or a stored header holds something that is a card number once separators are
 * ignored (400). Refused, not masked: what is written goes into a log that cannot be
 * cleaned. `field` names where; the value is never echoed.
 */
export class CardNumberInText extends DomainError<{ field: string; reason: string }> {
  constructor(field: string) {
    const reason = 'must not contain a card number';
    super('CARD_NUMBER_IN_TEXT', `${field} ${reason}`, { field, reason });
  }
}

/** The actor's roles do not allow the command, or a rule about who may act refuses it. */
export class Forbidden extends DomainError<{
  command: string;
  allowedRoles: Role[];
  rule: string;
}> {
  constructor(command: string, allowedRoles: readonly Role[], rule = 'role') {
    super('FORBIDDEN', `${command} is not allowed for this actor (${rule})`, {
      command,
      allowedRoles: [...allowedRoles],
      rule,
    });
  }
}

/** The command needs a verified second factor (SPEC Security: `StepUpVerifier`). */
export class StepUpRequired extends DomainError<{ command: string }> {
  constructor(command: string) {
    super('STEP_UP_REQUIRED', `${command} needs a verified second factor`, { command });
  }
}

export class AccountNotFound extends DomainError<{ accountId: string }> {
  constructor(accountId: string) {
    super('ACCOUNT_NOT_FOUND', `account ${accountId} does not exist`, { accountId });
  }
}

export class TopUpNotFound extends DomainError<{ topUpId: string }> {
  constructor(topUpId: string) {
    super('TOP_UP_NOT_FOUND', `top-up ${topUpId} does not exist`, { topUpId });
  }
}

export class RefundNotFound extends DomainError<{ refundId: string }> {
  constructor(refundId: string) {
    super('REFUND_NOT_FOUND', `refund ${refundId} does not exist`, { refundId });
  }
}

export class AccountAlreadyExists extends DomainError<{ accountId: string }> {
  constructor(accountId: string) {
    super('ACCOUNT_ALREADY_EXISTS', `account ${accountId} is already open`, { accountId });
  }
}

export class TopUpAlreadyExists extends DomainError<{ topUpId: string }> {
  constructor(topUpId: string) {
    super('TOP_UP_ALREADY_EXISTS', `top-up ${topUpId} already exists`, { topUpId });
  }
}

export class RefundAlreadyExists extends DomainError<{ refundId: string }> {
  constructor(refundId: string) {
    super('REFUND_ALREADY_EXISTS', `refund ${refundId} already exists`, { refundId });
  }
}
