import {
  hasAnyRole,
  STEP_UP_COMMANDS,
  stepUpRequirement,
  type AccountConfig,
  type Actor,
  type StepUpRequirement,
} from '@account-ops/accounts';
import type { CallerIdentity } from '../auth/caller';
import { reauthenticationHints, tokenStepUp } from '../auth/oidc/token-step-up';
import type { OidcStepUpPolicy } from '../config/oidc-settings';
import { ROUTE_NAMES, ROUTES, type RouteName } from '../routes/route-table';

/** How the caller signed in, and what the token says about it (OIDC only). */
export type SessionAuthentication =
  | { readonly method: 'api_key' }
  | {
      readonly method: 'oidc';
      readonly clientId?: string;
      /** ISO 8601: when the person last authenticated at the provider. */
      readonly authTime?: string;
      readonly acr?: string;
      readonly amr?: readonly string[];
      /** ISO 8601 until which this token passes a step-up; null: it does not (no MFA). */
      readonly stepUpValidUntil: string | null;
      /** What to re-authenticate with at the provider when a step-up is needed. */
      readonly reauthenticate?: ReturnType<typeof reauthenticationHints>;
    };

/** `GET /me`: who the presented key or token is and what it may call. */
export interface SessionView {
  readonly actorId: string;
  /** From the token's `name` / `preferred_username`; absent for API keys. */
  readonly displayName?: string;
  readonly roles: readonly string[];
  /** Route names (OpenAPI operationIds) the caller's roles pass the route guard for. */
  readonly routes: readonly RouteName[];
  /** For each of those routes that can need a second factor: when it does. */
  readonly stepUp: Partial<Record<RouteName, StepUpRequirement>>;
  /** Whether a TOTP secret is configured for this actor (`X-Step-Up-Code` can pass). */
  readonly secondFactor: boolean;
  readonly authentication: SessionAuthentication;
  /** Only for a console session (single sign-on): what the console needs to keep it. */
  readonly signIn?: ConsoleSessionView;
}

/** A console session as the console sees it: never a token but the CSRF one. */
export interface ConsoleSessionView {
  readonly method: 'single-sign-on';
  /** Send in `X-CSRF-Token` on every write. */
  readonly csrfToken: string;
  /** When the session ends without further requests (idle or absolute, whichever is first). */
  readonly expiresAt: string;
  readonly idleMinutes: number;
}

export interface SessionCaller {
  readonly identity: CallerIdentity;
  readonly stepUpPolicy?: OidcStepUpPolicy;
  readonly now: Date;
}

const iso = (seconds: number | undefined) =>
  seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();

function authenticationOf(caller: SessionCaller | undefined): SessionAuthentication {
  const identity = caller?.identity;
  if (identity?.method !== 'oidc') return { method: 'api_key' };
  const { method, clientId, authTime, acr, amr } = identity;
  const byToken = tokenStepUp(identity, caller!.stepUpPolicy, caller!.now);
  return {
    method,
    ...(clientId !== undefined ? { clientId } : {}),
    ...(authTime !== undefined ? { authTime: iso(authTime) } : {}),
    ...(acr !== undefined ? { acr } : {}),
    ...(amr !== undefined ? { amr } : {}),
    stepUpValidUntil: byToken.verified ? byToken.freshUntil!.toISOString() : null,
    ...(caller!.stepUpPolicy
      ? { reauthenticate: reauthenticationHints(caller!.stepUpPolicy) }
      : {}),
  };
}

/**
 * What a client needs to show only the controls a caller may use and to ask for a step-up
 * before sending rather than after a refusal. The server still checks every call: this is
 * a courtesy, not the authorization.
 */
export function sessionView(
  actor: Actor,
  config: AccountConfig,
  secondFactorActors: ReadonlySet<string>,
  caller?: SessionCaller,
): SessionView {
  const routes = ROUTE_NAMES.filter((name) => {
    const roles = ROUTES[name].roles;
    return roles !== 'public' && hasAnyRole(actor, roles);
  });
  const stepUp: Partial<Record<RouteName, StepUpRequirement>> = {};
  for (const name of routes) {
    const command = (ROUTES[name] as { command?: string }).command;
    const type = STEP_UP_COMMANDS.find((candidate) => candidate === command);
    if (type) stepUp[name] = stepUpRequirement(type, actor, config);
  }
  const identity = caller?.identity;
  return {
    actorId: actor.id,
    ...(identity?.method === 'oidc' && identity.displayName !== undefined
      ? { displayName: identity.displayName }
      : {}),
    roles: [...actor.roles],
    routes,
    stepUp,
    secondFactor: secondFactorActors.has(actor.id),
    authentication: authenticationOf(caller),
  };
}
