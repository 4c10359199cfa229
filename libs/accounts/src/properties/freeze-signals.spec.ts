import fc from 'fast-check';
import type { Command } from '../commands/command';
import type { FreezeReason } from '../commands/freeze-commands';
import { DomainError } from '../errors/domain-error';
import { initialState, type AccountState } from '../state/account-state';
import { activeFreezeReasons } from '../state/queries';
import { commandOf, history } from '../testing/command-arbitrary';
import { play } from '../testing/play-history';

/** The integration signals that lift a reason, and the reason each lifts (SPEC §5). */
const SIGNAL_REASON: Partial<Record<Command['type'], FreezeReason>> = {
  ResetPassword: 'failed_logins',
  SettleOverdue: 'overdue_payment',
  EndMaintenance: 'maintenance',
};

/**
 * The model of SPEC §5's ways out, checked on every step of random histories: an
 * integration signal for a reason that is not active is accepted with nothing written;
 * one for an active reason lifts exactly that reason; an admin's Unfreeze of an inactive
 * reason is never accepted.
 */
describe('ways out over random histories', () => {
  it('signals for inactive reasons write nothing; Unfreeze of an inactive reason is refused', () => {
    let noOps = 0;
    fc.assert(
      fc.property(history, (steps) => {
        let before: AccountState = initialState;
        let index = 0;
        play(steps, (driver, outcome) => {
          const sent = commandOf(steps[index++]!, before);
          const reason =
            sent.type === 'Unfreeze' ? sent.reason : (SIGNAL_REASON[sent.type] ?? undefined);
          if (reason !== undefined) {
            const wasActive = activeFreezeReasons(before).includes(reason);
            if (sent.type === 'Unfreeze' && !wasActive) {
              expect(outcome).toBeInstanceOf(DomainError);
            } else if (sent.type !== 'Unfreeze') {
              // A signal never answers 409 for a reason it finds inactive.
              if (outcome instanceof DomainError) {
                expect(outcome.code).not.toBe('FREEZE_REASON_NOT_ACTIVE');
              } else if (!wasActive) {
                expect(outcome).toEqual([]);
                expect(driver.state).toBe(before);
                noOps++;
              } else {
                const events = outcome as { type: string; data: { reason?: string } }[];
                expect(events[0]).toMatchObject({ type: 'FreezeLifted', data: { reason } });
              }
            }
          }
          before = driver.state;
        });
      }),
      { numRuns: 300 },
    );
    // The walk did reach the new rule (not vacuously true).
    expect(noOps).toBeGreaterThan(0);
  });
});
