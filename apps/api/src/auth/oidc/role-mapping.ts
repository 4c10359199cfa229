import { isRole, type Role } from '@account-ops/accounts';

/** Identity-provider group (or role) name → the service's roles it grants. */
export type RoleMap = Readonly<Record<string, readonly Role[]>>;

/**
 * `group=role;group=role1|role2;…` (ACCOUNT_OPS_OIDC_ROLE_MAP). A group may be named more
 * than once; its roles add up. Throws with a message naming the entry, never guessing.
 */
export function parseRoleMap(text: string): RoleMap {
  const map: Record<string, Role[]> = {};
  const entries = text
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  entries.forEach((entry, index) => {
    const eq = entry.lastIndexOf('=');
    const group = entry.slice(0, eq).trim();
    const roles = entry
      .slice(eq + 1)
      .split('|')
      .map((role) => role.trim());
    if (eq <= 0 || group === '' || roles.some((role) => role === '')) {
      throw new Error(`entry ${index + 1} must be group=role or group=role1|role2`);
    }
    const unknown = roles.find((role) => !usableRole(role));
    if (unknown !== undefined) {
      throw new Error(
        `entry ${index + 1} maps to "${unknown}", which is not a role (system is not allowed)`,
      );
    }
    map[group] = [...new Set([...(map[group] ?? []), ...(roles as Role[])])];
  });
  return map;
}

export function showRoleMap(map: RoleMap): string {
  return Object.entries(map)
    .map(([group, roles]) => `${group}=${roles.join('|')}`)
    .join(';');
}

/** The deprecated `system` is for old API keys only; a token never grants it. */
function usableRole(value: string): value is Role {
  return isRole(value) && value !== 'system';
}

/**
 * The claim's value: the claim of that exact name, else (for a dotted name such as
 * Keycloak's `realm_access.roles`) the nested member.
 */
export function claimAt(claims: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let node: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * The roles a token grants. The roles claim must be an array of strings (anything else
 * grants nothing). Without a role map its values that name a role count as that role;
 * with one, only mapped values count (the map is the allow-list: a group that happens to
 * be called `admin` at the provider grants nothing unless mapped). `system` never counts.
 */
export function rolesFromClaims(
  claims: Readonly<Record<string, unknown>>,
  rolesClaim: string,
  roleMap: RoleMap,
): Role[] {
  const value = claimAt(claims, rolesClaim);
  if (!Array.isArray(value)) return [];
  const mapped = Object.keys(roleMap).length > 0;
  const roles = value.flatMap((entry): readonly Role[] => {
    if (typeof entry !== 'string') return [];
    if (mapped) return Object.hasOwn(roleMap, entry) ? roleMap[entry]! : [];
    return usableRole(entry) ? [entry] : [];
  });
  return [...new Set(roles)];
}
