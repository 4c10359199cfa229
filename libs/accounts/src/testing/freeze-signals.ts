import type { Actor } from '../actors/roles';
import type { Command } from '../commands/command';
import type { FreezeReason } from '../commands/freeze-commands';
import { ADMIN, COMPLIANCE, command, open } from './fixtures';
import { at, type GivenStep } from './given-when-then';

const officerFor = (reason: FreezeReason): Actor => (reason === 'compliance' ? COMPLIANCE : ADMIN);

/** A freeze and an unfreeze, by the admin or (for compliance) the compliance officer. */
export const freezeFor = (
  reason: 'manual' | 'compliance',
  note = 'fraud check',
  by = officerFor(reason),
): Command => command('Freeze', { reason, note }, by);
export const unfreezeFor = (
  reason: FreezeReason,
  note = 'cleared',
  by = officerFor(reason),
): Command => command('Unfreeze', { reason, note }, by);

export const failedLogin = command('RecordFailedLogin', {});
export const failuresAt = (...times: string[]): GivenStep[] => times.map((t) => at(t, failedLogin));
/** Four failures in the quarter hour before NOW (09:00Z): one more locks the account. */
export const fourRecentFailures = failuresAt(
  '2025-03-10T08:50:00Z',
  '2025-03-10T08:52:00Z',
  '2025-03-10T08:55:00Z',
  '2025-03-10T08:58:00Z',
);
/** An account frozen for failed logins at NOW. */
export const lockedOut = [open(), ...fourRecentFailures, failedLogin];

/** Each reason's own way in and way out (SPEC §5). */
export const FREEZE_SIGNALS: Readonly<Record<FreezeReason, { apply: Command; lift: Command }>> = {
  failed_logins: { apply: command('RecordFailedLogin', {}), lift: command('ResetPassword', {}) },
  overdue_payment: { apply: command('MarkPaymentOverdue', {}), lift: command('SettleOverdue', {}) },
  maintenance: { apply: command('StartMaintenance', {}), lift: command('EndMaintenance', {}) },
  compliance: {
    apply: freezeFor('compliance', 'sanctions screening'),
    lift: unfreezeFor('compliance'),
  },
  manual: { apply: freezeFor('manual'), lift: unfreezeFor('manual') },
};
