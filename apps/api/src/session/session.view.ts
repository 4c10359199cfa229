import {
  hasAnyRole,
  STEP_UP_COMMANDS,
  stepUpRequirement,
  type AccountConfig,
  type Actor,
  type StepUpRequirement,
} from '@account-ops/accounts';
import { ROUTE_NAMES, ROUTES, type RouteName } from '../routes/route-table';

/** `GET /me`: who the presented key is and what it may call. */
export interface SessionView {
  readonly actorId: string;
  readonly roles: readonly string[];
  /** Route names (OpenAPI operationIds) the key's roles pass the route guard for. */
  readonly routes: readonly RouteName[];
  /** For each of those routes that can need a second factor: when it does. */
  readonly stepUp: Partial<Record<RouteName, StepUpRequirement>>;
  /** Whether a TOTP secret is configured for this actor (`X-Step-Up-Code` can pass). */
  readonly secondFactor: boolean;
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

/**
 * What a client needs to show only the controls a caller may use and to ask for a step-up
 * code before sending rather than after a refusal. The server still checks every call:
 * this is a courtesy, not the authorization.
 */
export function sessionView(
  actor: Actor,
  config: AccountConfig,
  secondFactorActors: ReadonlySet<string>,
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
  return {
    actorId: actor.id,
    roles: [...actor.roles],
    routes,
    stepUp,
    secondFactor: secondFactorActors.has(actor.id),
  };
}
