import { Controller, Inject, Logger } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { StepUpLockout } from '@account-ops/engine';
import { SECOND_FACTOR_ACTORS, STEP_UP_LOCKOUT } from '../app/tokens';
import { ApiError } from '../http/problem';
import type { Actor } from '@account-ops/accounts';
import { CurrentActor } from '../auth/request-context';
import { IdParam } from '../http/path-params';
import { EmptyBody } from '../http/validation';
import { Endpoint } from '../routes/endpoint.decorator';

/** The answer to lifting a lockout. */
export class LockoutLiftSchema {
  @ApiProperty({ type: String, example: 'op-7' }) actorId!: string;
  @ApiProperty({ type: Boolean, description: 'false when the actor had no failures on record' })
  lifted!: boolean;
  @ApiProperty({ type: Number, example: 10 }) failuresCleared!: number;
}

/**
 * An admin lifts an actor's step-up lockout (after confirming who they are): the wrong
 * codes on record are forgotten in every process at once. Lifting twice is harmless.
 */
@Controller()
export class StepUpLockoutController {
  private readonly log = new Logger('StepUpLockout');

  constructor(
    @Inject(STEP_UP_LOCKOUT) private readonly lockout: StepUpLockout,
    @Inject(SECOND_FACTOR_ACTORS) private readonly secondFactorActors: ReadonlySet<string>,
  ) {}

  @Endpoint('liftStepUpLockout', LockoutLiftSchema)
  async lift(
    @IdParam('actorId') actorId: string,
    @CurrentActor() admin: Actor,
    @EmptyBody() _body: unknown,
  ): Promise<LockoutLiftSchema> {
    // Only actors with a TOTP secret can be locked; any other id is a typo (or a probe).
    if (!this.secondFactorActors.has(actorId)) {
      throw new ApiError(404, 'ACTOR_NOT_FOUND', 'No actor with a second factor has this id.');
    }
    const failuresCleared = await this.lockout.lift(actorId);
    this.log.warn({
      event: 'step_up_lockout_lifted',
      actorId,
      by: admin.id,
      failuresCleared,
    });
    return { actorId, lifted: failuresCleared > 0, failuresCleared };
  }
}
