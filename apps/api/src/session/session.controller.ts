import { Controller, Inject } from '@nestjs/common';
import type { AccountConfig, Actor } from '@account-ops/accounts';
import { API_ACCOUNT_CONFIG, SECOND_FACTOR_ACTORS } from '../app/tokens';
import { CurrentActor } from '../auth/request-context';
import { Endpoint } from '../routes/endpoint.decorator';
import { SessionSchema } from './session.schema';
import { sessionView, type SessionView } from './session.view';

/** `GET /me` for the ops console's header and its role-aware controls. */
@Controller()
export class SessionController {
  constructor(
    @Inject(API_ACCOUNT_CONFIG) private readonly config: AccountConfig,
    @Inject(SECOND_FACTOR_ACTORS) private readonly secondFactorActors: ReadonlySet<string>,
  ) {}

  @Endpoint('whoAmI', SessionSchema)
  whoAmI(@CurrentActor() actor: Actor): SessionView {
    return sessionView(actor, this.config, this.secondFactorActors);
  }
}
