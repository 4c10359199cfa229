import { Controller, Inject, Req } from '@nestjs/common';
import type { AccountConfig, Actor } from '@account-ops/accounts';
import type { Clock } from '@account-ops/engine';
import { API_ACCOUNT_CONFIG, API_AUTHENTICATION_CLOCK, SECOND_FACTOR_ACTORS } from '../app/tokens';
import { CALLER_IDENTIFIER } from '../auth/api-key.guard';
import type { CallerIdentifier, CallerIdentity } from '../auth/caller';
import { CurrentActor, CurrentIdentity, type ApiRequest } from '../auth/request-context';
import type { ConsoleSignIn } from '../sign-in/console-sign-in';
import { CONSOLE_SIGN_IN } from '../sign-in/sign-in.tokens';
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
    @Inject(API_AUTHENTICATION_CLOCK) private readonly authenticationClock: Clock,
    @Inject(CONSOLE_SIGN_IN) private readonly signIn: ConsoleSignIn,
  ) {}

  @Endpoint('whoAmI', SessionSchema)
  whoAmI(
    @CurrentActor() actor: Actor,
    @CurrentIdentity() identity: CallerIdentity,
    @Req() request: ApiRequest,
  ): SessionView {
    const view = sessionView(actor, this.config, this.secondFactorActors, {
      identity,
      stepUpPolicy: this.callers.oidc?.config.stepUp,
      now: this.authenticationClock.now(),
    });
    const session = request.consoleSession;
    if (!session) return view;
    return {
      ...view,
      signIn: {
        method: 'single-sign-on',
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        idleMinutes: this.signIn.timeouts.idleMinutes,
      },
    };
  }
}
