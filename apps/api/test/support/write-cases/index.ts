import { ACCOUNT_CASES } from './account.cases';
import { CANCELLATION_CASES } from './cancellation.cases';
import { FREEZE_CASES } from './freeze.cases';
import { REFUND_CASES } from './refund.cases';
import { TOP_UP_CASES } from './top-up.cases';

export type { WriteCase } from './shared';

/** One case per write route, exercised end to end by write-endpoints.e2e-spec.ts. */
export const WRITE_CASES = [
  ...ACCOUNT_CASES,
  ...TOP_UP_CASES,
  ...REFUND_CASES,
  ...FREEZE_CASES,
  ...CANCELLATION_CASES,
];
