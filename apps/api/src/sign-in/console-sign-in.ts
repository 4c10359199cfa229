import type { Clock } from '@account-ops/engine';
import type { RecordStore } from '@account-ops/event-store';
import {
  ConsoleSessions,
  DEFAULT_SESSION_TIMEOUTS,
  type SessionTimeouts,
} from './console-sessions';
import type { ConsoleOidcClient } from './oidc-client-config';
import { OidcRelyingParty } from './oidc-relying-party';
import { PendingSignIns } from './pending-sign-ins';
import { SessionCookies } from './session-cookies';

/** How people may sign in to the console (ApiAppOptions.consoleSignIn). */
export interface ConsoleSignInOptions {
  /** Single sign-on through the identity provider; absent: not offered. */
  readonly oidc?: ConsoleOidcClient;
  /** Whether the console offers pasting an API key (development mode only). */
  readonly apiKeys: boolean;
  readonly timeouts?: SessionTimeouts;
}

/** What `GET /auth/options` tells the console: the sign-in methods it may offer. */
export interface SignInMethods {
  readonly singleSignOn: boolean;
  readonly apiKey: boolean;
}

/** Everything the console's sign-in needs, built once per app. */
export class ConsoleSignIn {
  readonly relyingParty?: OidcRelyingParty;
  readonly sessions: ConsoleSessions;
  readonly pending: PendingSignIns;
  readonly cookies: SessionCookies;
  readonly timeouts: SessionTimeouts;

  constructor(
    readonly options: ConsoleSignInOptions,
    records: RecordStore,
    clock: Clock,
  ) {
    this.timeouts = options.timeouts ?? DEFAULT_SESSION_TIMEOUTS;
    if (options.oidc)
      this.relyingParty = new OidcRelyingParty(options.oidc, () => clock.now().getTime());
    this.sessions = new ConsoleSessions(records, clock, this.timeouts);
    this.pending = new PendingSignIns(records, clock);
    this.cookies = new SessionCookies(options.oidc?.publicUrl ?? 'http://127.0.0.1');
  }

  get methods(): SignInMethods {
    return { singleSignOn: this.relyingParty !== undefined, apiKey: this.options.apiKeys };
  }

  /** The origin the console is served from (unsafe requests must come from it). */
  get origin(): string | undefined {
    return this.options.oidc?.publicUrl;
  }
}

/** A console path to come back to: `/console` or below, nothing that leaves this origin. */
export function safeReturnPath(text: unknown): string {
  if (typeof text !== 'string') return '/console/';
  const ok =
    /^\/console(\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*)?(\?[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?$/;
  return ok.test(text) && !text.includes('//') && !text.includes('\\') ? text : '/console/';
}
