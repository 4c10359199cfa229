export { opsProjection } from './ops.projection';
export { OPS_ACCOUNTS, OPS_FREEZES, OPS_REFUNDS, OPS_TABLES, OPS_TOP_UPS } from './ops-tables';
export {
  AWAITING_APPROVAL,
  listRefunds,
  refundsAwaitingApproval,
  type AwaitingRefund,
  type RefundView,
} from './refund.queries';
export {
  accountsInRetention,
  frozenAccounts,
  listAccounts,
  type AccountInRetention,
  type AccountView,
  type FreezeView,
  type FrozenAccount,
} from './account.queries';
export { stalePendingTopUps, type StaleTopUp, type TopUpView } from './top-up.queries';
export { openOpsText } from './open-ops-text';
