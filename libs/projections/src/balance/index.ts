export { balanceProjection } from './balance.projection';
export { BALANCE_ACCOUNTS, BALANCE_TABLES } from './balance-table';
export { balanceDelta, type BalanceDelta } from './balance-delta';
export {
  balanceTotals,
  getBalance,
  type AccountBalance,
  type CurrencyTotals,
} from './balance.queries';
