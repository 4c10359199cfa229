import { card, command, open, settle, topUp } from './fixtures';

export const request = command('RequestCancellation', { reason: 'moving to a competitor' });
export const confirm = command('ConfirmCancellation', {});
export const reactivate = command('ReactivateAccount', { note: 'customer came back' });
export const close = command('CloseAccount', {});
// 3,000 per 30-day cycle from 2025-03-01; NOW (2025-03-10) is day 10, leaving 20 unused days.
export const plan = { pricePerCycle: 3_000, cycleDays: 30, cycleStart: '2025-03-01' };
/** An open account on the plan, with a card and 5,000 available. */
export const planned = [open({ plan }), card(), topUp('seed', 5_000), settle('seed')];
/** The same account, cancelled at NOW: retention runs until 2025-04-09T09:00Z. */
export const cancelled = [...planned, request, confirm];
export const afterRetention = { now: '2025-04-09T09:00:00.000Z' };
