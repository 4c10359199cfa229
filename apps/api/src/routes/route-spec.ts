import {
  COMMAND_ROLES,
  ROLES,
  freezeRoles,
  type CommandType,
  type Role,
} from '@account-ops/accounts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One HTTP route: the single source for the guard, the controllers, OpenAPI and docs/api.md. */
export interface RouteSpec {
  readonly method: HttpMethod;
  /** Express path template, as in the metrics' `route` label. */
  readonly path: string;
  readonly summary: string;
  /** OpenAPI tag (section). */
  readonly tag: string;
  /** Roles of which the caller needs one; `public` needs no key (health, metrics). */
  readonly roles: readonly Role[] | 'public';
  /** The domain command the route sends; the engine checks that command's roles again. */
  readonly command?: CommandType;
  /** 302/303: the console's sign-in routes, which send the browser on. */
  readonly status: 200 | 201 | 202 | 302 | 303;
  /** Takes `X-Step-Up-Code` (a TOTP code) for the second factor. */
  readonly stepUp?: boolean;
}

/** Who may read an account (auditors included; integrations do not need to). */
export const ACCOUNT_READERS: readonly Role[] = [
  'operator',
  'approver',
  'admin',
  'compliance',
  'auditor',
];
/**
 * Who may search accounts by name, e-mail or card: the ops roles that work with
 * customers. Not auditors: they open the accounts a case names, by id.
 */
export const ACCOUNT_SEARCHERS: readonly Role[] = ['operator', 'approver', 'admin', 'compliance'];
/** Who may read the raw history, time-travel and verify. */
export const HISTORY_READERS: readonly Role[] = ['auditor', 'admin', 'compliance'];

/**
 * The roles of a command route: the domain's COMMAND_ROLES, so the two tables cannot
 * drift. Freeze and Unfreeze admit the union over reasons; the engine narrows per reason
 * (`compliance` is the compliance role's alone).
 */
export function commandRouteRoles(type: CommandType): readonly Role[] {
  const roles = new Set<Role>(COMMAND_ROLES[type]);
  if (type === 'Freeze' || type === 'Unfreeze') {
    freezeRoles('compliance').forEach((role) => roles.add(role));
  }
  return ROLES.filter((role) => roles.has(role));
}

type Untagged = Omit<RouteSpec, 'tag'>;

// `'POST top-ups'` is relative to `/accounts/:id`; `'POST /accounts'` is absolute.
function split(route: string): { method: HttpMethod; path: string } {
  const [method, path] = route.split(' ') as [HttpMethod, string];
  return { method, path: path.startsWith('/') ? path : `/accounts/:id${path ? `/${path}` : ''}` };
}

/** A route that sends `command`, with the command's roles. */
export function send(
  command: CommandType,
  route: string,
  status: RouteSpec['status'],
  summary: string,
  extra: Partial<Untagged> = {},
): Untagged {
  return { ...split(route), summary, command, status, roles: commandRouteRoles(command), ...extra };
}

/** A read-only route. */
export function read(route: string, roles: RouteSpec['roles'], summary: string): Untagged {
  return { ...split(`GET ${route}`), summary, roles, status: 200 };
}

/** A public route of the console's sign-in (a browser navigation, or sign-out). */
export function signInRoute(route: string, status: RouteSpec['status'], summary: string): Untagged {
  return { ...split(route), summary, roles: 'public', status };
}

/** A write that sends no domain command (an administrative act on the API's own records). */
export function manage(
  route: string,
  roles: readonly Role[],
  status: RouteSpec['status'],
  summary: string,
): Untagged {
  return { ...split(route), summary, roles, status };
}

/** Puts a group of routes under one OpenAPI tag. */
export function tagged<K extends string>(
  tag: string,
  routes: Record<K, Untagged>,
): Record<K, RouteSpec> {
  const entries = Object.entries(routes) as [K, Untagged][];
  return Object.fromEntries(entries.map(([name, route]) => [name, { ...route, tag }])) as Record<
    K,
    RouteSpec
  >;
}

/**
 * Writes (commands that change an account) take an Idempotency-Key. An administrative
 * route without a command (a webhook endpoint, lifting a step-up lockout) names its target and takes
 * none.
 */
export function isWrite(route: RouteSpec): boolean {
  return route.method !== 'GET' && route.command !== undefined;
}
