/**
 * SPEC roles: `operator` (front-line ops), `approver` (finance checker), `admin`,
 * `compliance`, `auditor` (read-only), one role per integration (`payment_gateway`,
 * `identity_provider`, `billing`, `scheduler`) and the deprecated `system`, which holds
 * all four integration roles for one release.
 */
export const ROLES = [
  'operator',
  'approver',
  'admin',
  'compliance',
  'auditor',
  'payment_gateway',
  'identity_provider',
  'billing',
  'scheduler',
  'system',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * One role per integration, each owning only its own signals, so a leaked key of one
 * integration cannot send another's (an identity-provider key cannot settle a top-up).
 */
export const INTEGRATION_ROLES = [
  'payment_gateway',
  'identity_provider',
  'billing',
  'scheduler',
] as const satisfies readonly Role[];

/** Kept for one release: the union of the integration roles. Configuring it logs a warning. */
export const DEPRECATED_ROLES: readonly Role[] = ['system'];

/** Who sends a command: every command carries one. */
export interface Actor {
  readonly id: string;
  readonly roles: readonly Role[];
}

const KNOWN: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && KNOWN.has(value);
}

/** The roles an actor holds, with the deprecated `system` expanded into the integration roles. */
export function effectiveRoles(actor: Actor): readonly Role[] {
  if (!actor.roles.includes('system')) return actor.roles;
  return [...new Set<Role>([...actor.roles, ...INTEGRATION_ROLES])];
}

/** Whether the actor holds one of `roles` (`system` counts as every integration role). */
export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return effectiveRoles(actor).some((role) => roles.includes(role));
}
