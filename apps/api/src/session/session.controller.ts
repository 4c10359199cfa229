import { Controller, Inject } from '@nestjs/common';
import type { AccountConfig, Actor } from '@account-ops/accounts';
import type { Clock } from '@account-ops/engine';
import { API_ACCOUNT_CONFIG, API_CLOCK, SECOND_FACTOR_ACTORS } from '../app/tokens';
import { CALLER_IDENTIFIER } from '../auth/api-key.guard';
import type { CallerIdentifier, CallerIdentity } from '../auth/caller';
import { CurrentActor, CurrentIdentity } from '../auth/request-context';
import { Endpoint } from '../routes/endpoint.decorator';
import { SessionSchema } from './session.schema';
import { sessionView, type SessionView } from './session.view';

/** `GET /me` for the ops console's header and its role-aware controls. */
@Controller()
export class SessionController {
  constructor(
    @Inject(API_ACCOUNT_CONFIG) private readonly config: AccountConfig,
    @Inject(SECOND_FACTOR_ACTORS) private readonly secondFactorActors: ReadonlySet<string>,
    @Inject(CALLER_IDENTIFIER) private readonly callers: CallerIdentifier,
    @Inject(API_CLOCK) private readonly clock: Clock,
  ) {}

  @Endpoint('whoAmI', SessionSchema)
  whoAmI(@CurrentActor() actor: Actor, @CurrentIdentity() identity: CallerIdentity): SessionView {
    return sessionView(actor, this.config, this.secondFactorActors, {
      identity,
      stepUpPolicy: this.callers.oidc?.config.stepUp,
      now: this.clock.now(),
    });
  }
}
