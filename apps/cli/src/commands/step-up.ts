import { isId } from '@account-ops/accounts';
import { StepUpLockout } from '@account-ops/engine';
import type { Command } from 'commander';
import { action } from '../support/action';
import { ExitCode, usageError } from '../support/exit-codes';
import { withStore } from '../support/with-store';

interface UnlockOptions {
  readonly json?: boolean;
}

/**
 * `step-up unlock <actorId>`: an admin lifts an actor's step-up lockout (too many wrong
 * TOTP codes) on the store every API process counts in — the same as
 * `DELETE /step-up-lockouts/:actorId`.
 */
export function registerStepUp(program: Command): void {
  const group = program.command('step-up').description('second-factor (TOTP) lockouts');
  group
    .command('unlock')
    .description('forget an actor’s wrong step-up codes, lifting a lockout in every process')
    .argument('<actorId>', 'the locked actor, e.g. op-7')
    .option('--json', 'the result as JSON')
    .action(
      action<UnlockOptions, [string]>((globals, options, actorId) => {
        if (!isId(actorId)) throw usageError(`"${actorId}" is not a valid actor id`);
        return withStore(globals, { write: true }, async ({ store }) => {
          const failuresCleared = await new StepUpLockout(store).lift(actorId);
          const result = { actorId, lifted: failuresCleared > 0, failuresCleared };
          console.log(
            options.json
              ? JSON.stringify(result)
              : result.lifted
                ? `step-up of ${actorId} unlocked (${failuresCleared} wrong codes forgotten)`
                : `${actorId} had no wrong step-up codes on record`,
          );
          return ExitCode.Ok;
        });
      }),
    );
}
