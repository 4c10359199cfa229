/**
 * The account domain: commands, events, `decide`/`evolve`, policies and the three XState
 * machines (refund approval, freeze, lifecycle). Pure: no I/O, no clock, no randomness,
 * nothing of NestJS; time, ids, the second-factor result and the card fingerprint come in
 * through the command and `DecideContext`.
 *
 * @packageDocumentation
 */

// Decide and evolve
export { decide } from './decide/decide';
export type { DecideContext } from './decide/decision';
export { evolve, Fold, replay } from './state/evolve';
export { initialState, RECENT_COMPLETED_TOP_UPS } from './state/account-state';
export type {
  AccountState,
  Balance,
  BankCardState,
  FreezeReasonState,
  PlanState,
  RefundState,
  TopUpLedger,
  TopUpState,
  TopUpStatus,
} from './state/account-state';
export { activeFreezeReasons, openRefunds, pendingTopUps, payoutsInFlight } from './state/queries';

// Commands
export type { Command, CommandOf, CommandPayloads, CommandType } from './commands/command';
export type { PlanTerms } from './commands/account-commands';
export { TOP_UP_METHODS, type TopUpMethod } from './commands/top-up-commands';
export { REFUND_REASONS, type RefundReason } from './commands/refund-commands';
export {
  FREEZE_REASONS,
  MANUAL_FREEZE_REASONS,
  type FreezeReason,
  type ManualFreezeReason,
} from './commands/freeze-commands';
export { COMMAND_TYPES } from './validation/command-schemas';
export { parseCommand } from './validation/parse-command';
export { personalCommandFields } from './validation/command-schemas';

// Events
export {
  EVENT_SCHEMA_VERSIONS,
  EVENT_TYPES,
  PERSONAL_DATA_FIELDS,
  ERASED_TEXT,
  isDomainEvent,
  type DomainEvent,
  type EventOf,
  type EventPayloads,
  type EventStamp,
  type EventType,
} from './events/domain-event';
export type { PayoutCard } from './events/refund-events';
export type { JsonObject, JsonValue } from './shared/json';

// Errors
export {
  DomainError,
  ERROR_KINDS,
  isDomainError,
  type DomainErrorCode,
  type DomainErrorKind,
} from './errors/domain-error';
export * from './errors/request-errors';
export * from './errors/state-errors';
export * from './errors/rule-errors';

// Configuration, actors, money, ids
export {
  AMOUNT_RULES,
  DEFAULT_ACCOUNT_CONFIG,
  InvalidAccountConfig,
  accountConfig,
  configForCurrency,
  type AccountConfig,
  type AmountRule,
  type AmountRules,
} from './config/account-config';
export {
  DEPRECATED_ROLES,
  INTEGRATION_ROLES,
  ROLES,
  effectiveRoles,
  hasAnyRole,
  isRole,
  type Actor,
  type Role,
} from './actors/roles';
export { COMMAND_ROLES, freezeRoles, rolesFor } from './policies/roles.policy';
export {
  STEP_UP_COMMANDS,
  needsStepUp,
  requiresStepUp,
  stepUpRequirement,
  type StepUpCommand,
  type StepUpRequirement,
} from './policies/step-up.policy';
export { isAmount, type MinorUnits } from './money/amount';
export { CURRENCIES, isCurrency, type Currency } from './money/currency';
export { ID_PATTERN, isId } from './ids/id';
export type { CardBrand } from './cards/pan';
export { containsCardNumber } from './cards/card-number-in-text';
export { dishonestTextReason } from './validation/honest-text';

// Machines
export {
  OPEN_REFUND_STATUSES,
  REFUND_STATUSES,
  refundMachine,
  type RefundStatus,
} from './machines/refund.machine';
export { freezeMachine } from './machines/freeze.machine';
export {
  ACCOUNT_STATUSES,
  lifecycleMachine,
  type AccountStatus,
} from './machines/lifecycle.machine';
export type { PersistedMachineState } from './machines/machine-stepper';

// Diagrams
export {
  STATECHART_NAMES,
  statechartDefinitions,
  type StatechartName,
} from './diagrams/statecharts';

// Deadlines
export {
  RETENTION_KEY,
  commandForDeadline,
  deadlinesFor,
  type DeadlineEffect,
  type DeadlineKind,
} from './deadlines/deadlines';
