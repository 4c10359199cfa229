import { randomBytes } from 'node:crypto';
import { DEPRECATED_ROLES, ROLES } from '@account-ops/accounts';
import type { ApiKeyEntry } from '../auth/api-keys';

/** A generated key: the key itself is known (to print once). */
export type DevKey = ApiKeyEntry & { readonly key: string };

/**
 * One fresh key per role (the deprecated `system` left out), for this run only
 * (development mode). Actor ids are `dev-<role>`.
 */
export function generateDevKeys(): DevKey[] {
  return ROLES.filter((role) => !DEPRECATED_ROLES.includes(role)).map((role) => ({
    key: `dev-${role}-${randomBytes(24).toString('base64url')}`,
    actor: { id: `dev-${role}`, roles: [role] },
  }));
}

/**
 * The banner `npm start` prints once in development mode: the only place an API key is
 * ever written out. Kept off the JSON log so log shipping never carries it.
 */
export function devKeysBanner(keys: readonly DevKey[], port: number): string {
  const rule = '='.repeat(78);
  const rows = keys.map(
    ({ key, actor }) => `  ${actor.roles.join('|').padEnd(17)} ${actor.id.padEnd(21)} ${key}`,
  );
  return [
    rule,
    ' account-ops API — DEVELOPMENT MODE',
    ' ACCOUNT_OPS_API_KEYS is not set, so one key per role was generated for this run.',
    ' They are shown only here, never logged, and gone when the process stops.',
    ' Production (NODE_ENV=production) refuses to start without configured keys.',
    '',
    '  role              actor                 key',
    ...rows,
    '',
    ` try: curl -H "Authorization: Bearer <auditor key>" http://localhost:${port}/accounts/<id>`,
    ` ops console: http://localhost:${port}/console (sign in with one of the keys above)`,
    ` OpenAPI: http://localhost:${port}/docs`,
    rule,
    '',
  ].join('\n');
}
