import { Controller, Inject, Req } from '@nestjs/common';
import type { AccountConfig, Actor } from '@account-ops/accounts';
import { API_ACCOUNT_CONFIG, SECOND_FACTOR_ACTORS } from '../app/tokens';
import { CurrentActor, type ApiRequest } from '../auth/request-context';
import type { ConsoleSignIn } from '../sign-in/console-sign-in';
import { CONSOLE_SIGN_IN } from '../sign-in/sign-in.controller';
import { Endpoint } from '../routes/endpoint.decorator';
import { SessionSchema } from './session.schema';
import { sessionView, type SessionView } from './session.view';

/** `GET /me` for the ops console's header and its role-aware controls. */
@Controller()
export class SessionController {
  constructor(
    @Inject(API_ACCOUNT_CONFIG) private readonly config: AccountConfig,
    @Inject(SECOND_FACTOR_ACTORS) private readonly secondFactorActors: ReadonlySet<string>,
    @Inject(CONSOLE_SIGN_IN) private readonly signIn: ConsoleSignIn,
  ) {}

  @Endpoint('whoAmI', SessionSchema)
  whoAmI(@CurrentActor() actor: Actor, @Req() request: ApiRequest): SessionView {
    const view = sessionView(actor, this.config, this.secondFactorActors);
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
