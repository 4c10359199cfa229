/**
 * SPEC roles: `operator` (front-line ops), `approver` (finance checker), `admin`,
 * `compliance`, `auditor` (read-only) and `system` (payment gateway, identity provider,
 * billing, scheduler).
 */
export const ROLES = ['operator', 'approver', 'admin', 'compliance', 'auditor', 'system'] as const;

export type Role = (typeof ROLES)[number];

/** Who sends a command: every command carries one. */
export interface Actor {
  readonly id: string;
  readonly roles: readonly Role[];
}

const KNOWN: ReadonlySet<string> = new Set(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && KNOWN.has(value);
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}
