import { parseCount, type LoadedSettings, type SettingDefinition } from '@account-ops/engine';
import { ROLES } from '@account-ops/accounts';
import { parseRoleMap, showRoleMap, type RoleMap } from '../auth/oidc/role-mapping';
import { ApiConfigError } from './api-config-error';

/** What the API checks OIDC access tokens against (off when no issuer is configured). */
export interface OidcConfig {
  /** Exactly the `iss` of the tokens; discovery at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** The `aud` the tokens must name (the API's resource indicator / client id at the provider). */
  readonly audience: string;
  /** Claim holding the roles (array of strings); a dotted name reaches a nested claim. */
  readonly rolesClaim: string;
  /** Provider group → roles; when not empty, only mapped values grant roles. */
  readonly roleMap: RoleMap;
  /** Signature algorithms accepted (asymmetric only). */
  readonly algorithms: readonly string[];
  /** Tolerance for `exp`, `nbf` and `iat` against this server's clock. */
  readonly clockSkewSeconds: number;
  /** Least time between two JWKS fetches caused by an unknown `kid`. */
  readonly jwksCooldownSeconds: number;
  readonly stepUp: OidcStepUpPolicy;
}

/** When a token counts as a second factor: recent authentication showing MFA. */
export interface OidcStepUpPolicy {
  /** `auth_time` at most this long ago. */
  readonly maxAgeSeconds: number;
  /** Accepted `acr` values (any one). */
  readonly acr: readonly string[];
  /** Accepted `amr` values (any one present). */
  readonly amr: readonly string[];
}

/** Every asymmetric JWS algorithm jose verifies; `none` and HMAC (HS*) are never accepted. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** `http://` only to this machine (tests, development); anything else must be https. */
export function isAllowedIssuerUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return (
    url.protocol === 'http:' &&
    (LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname))
  );
}

function parseIssuer(text: string): string {
  const issuer = text.trim();
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error('must be an absolute URL');
  }
  if (!isAllowedIssuerUrl(url)) {
    throw new Error('must be https:// (http:// only on a loopback address, for development)');
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new Error('must have no query, fragment or credentials');
  }
  return issuer;
}

function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((v) => v !== ''))];
}

function parseAlgorithms(text: string): string[] {
  const algorithms = parseList(text);
  const refused = algorithms.find((a) => !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(a));
  if (refused !== undefined) {
    throw new Error(
      `"${refused}" is not an accepted algorithm (one of ${ASYMMETRIC_ALGORITHMS.join(', ')})`,
    );
  }
  if (algorithms.length === 0) throw new Error('at least one algorithm is needed');
  return algorithms;
}

function bounded(max: number, allowZero: boolean) {
  return (text: string) => {
    const value = parseCount(text, allowZero);
    if (value > max) throw new Error(`must be at most ${max}`);
    return value;
  };
}

const text = (
  key: string,
  env: string,
  rule: string,
  fallback: string,
  parse: (text: string) => string = (t) => t.trim(),
): SettingDefinition<string> => ({
  key,
  env,
  rule,
  unit: 'text',
  default: fallback,
  schema: { type: 'string' },
  parseEnv: parse,
  fromFile: (value) => (value === '' ? '' : parse(String(value))),
});

const list = (
  key: string,
  env: string,
  rule: string,
  fallback: readonly string[],
  parse: (text: string) => string[] = parseList,
): SettingDefinition<readonly string[]> => ({
  key,
  env,
  rule,
  unit: 'comma-separated list',
  default: fallback,
  schema: { type: 'array', items: { type: 'string' } },
  parseEnv: parse,
  fromFile: (value) => parse((value as string[]).join(',')),
  show: (value) => value.join(','),
});

const seconds = (
  key: string,
  env: string,
  rule: string,
  fallback: number,
  max: number,
  allowZero = false,
): SettingDefinition<number> => ({
  key,
  env,
  rule,
  unit: 'seconds',
  default: fallback,
  schema: { type: 'integer', minimum: allowZero ? 0 : 1, maximum: max },
  parseEnv: bounded(max, allowZero),
});

/** The OIDC settings, registered beside the business rules (GET /ops/config, config show). */
export const OIDC_SETTINGS: readonly SettingDefinition[] = [
  text(
    'oidc.issuer',
    'ACCOUNT_OPS_OIDC_ISSUER',
    'people (and integrations) may present access tokens from this OpenID provider; empty: API keys only',
    '',
    parseIssuer,
  ),
  text('oidc.audience', 'ACCOUNT_OPS_OIDC_AUDIENCE', 'the aud access tokens must carry', ''),
  text(
    'oidc.rolesClaim',
    'ACCOUNT_OPS_OIDC_ROLES_CLAIM',
    'the token claim holding the roles (array of strings; a.b reaches a nested claim)',
    'roles',
    (t) => {
      if (t.trim() === '') throw new Error('must not be empty');
      return t.trim();
    },
  ),
  {
    key: 'oidc.roleMap',
    env: 'ACCOUNT_OPS_OIDC_ROLE_MAP',
    rule: 'provider group → role (group=role;…); when set, only mapped values grant roles',
    unit: 'group=role;…',
    default: {},
    schema: {
      type: 'object',
      additionalProperties: {
        type: 'array',
        items: { enum: ROLES.filter((r) => r !== 'system') },
      },
    },
    parseEnv: parseRoleMap,
    fromFile: (value) =>
      parseRoleMap(
        Object.entries(value as Record<string, string[]>)
          .map(([group, roles]) => `${group}=${roles.join('|')}`)
          .join(';'),
      ),
    show: (value) => showRoleMap(value as RoleMap),
  } satisfies SettingDefinition<RoleMap> as SettingDefinition,
  list(
    'oidc.algorithms',
    'ACCOUNT_OPS_OIDC_ALGORITHMS',
    'signature algorithms accepted on access tokens (asymmetric only; none and HS* never)',
    ['RS256', 'PS256', 'ES256', 'EdDSA'],
    parseAlgorithms,
  ),
  seconds(
    'oidc.clockSkewSeconds',
    'ACCOUNT_OPS_OIDC_CLOCK_SKEW_SECONDS',
    'tolerance for exp, nbf and iat against this server’s clock',
    30,
    300,
    true,
  ),
  seconds(
    'oidc.jwksCooldownSeconds',
    'ACCOUNT_OPS_OIDC_JWKS_COOLDOWN_SECONDS',
    'least time between two key-set fetches caused by an unknown kid (new signing keys are picked up on the next one)',
    30,
    3600,
    true,
  ),
  seconds(
    'oidc.stepUp.maxAgeSeconds',
    'ACCOUNT_OPS_OIDC_STEP_UP_MAX_AGE_SECONDS',
    'a token is a second factor when the person authenticated with MFA at most this long ago (auth_time)',
    300,
    3600,
  ),
  list(
    'oidc.stepUp.acr',
    'ACCOUNT_OPS_OIDC_STEP_UP_ACR',
    'acr values that show MFA (any one); empty: decided by amr alone',
    [],
  ),
  list(
    'oidc.stepUp.amr',
    'ACCOUNT_OPS_OIDC_STEP_UP_AMR',
    'amr values that show MFA (any one present, RFC 8176)',
    ['mfa'],
  ),
] as SettingDefinition[];

/** The OIDC configuration from loaded settings; undefined when no issuer is set. */
export function oidcConfigFrom(settings: LoadedSettings): OidcConfig | undefined {
  const issuer = settings.value<string>('oidc.issuer');
  const audience = settings.value<string>('oidc.audience');
  if (issuer === '') {
    if (audience !== '') {
      throw new ApiConfigError(
        'ACCOUNT_OPS_OIDC_AUDIENCE is set but ACCOUNT_OPS_OIDC_ISSUER is not',
      );
    }
    return undefined;
  }
  if (audience === '') {
    throw new ApiConfigError(
      'ACCOUNT_OPS_OIDC_ISSUER needs ACCOUNT_OPS_OIDC_AUDIENCE (the aud tokens for this API carry)',
    );
  }
  const stepUp: OidcStepUpPolicy = {
    maxAgeSeconds: settings.value('oidc.stepUp.maxAgeSeconds'),
    acr: settings.value('oidc.stepUp.acr'),
    amr: settings.value('oidc.stepUp.amr'),
  };
  if (stepUp.acr.length === 0 && stepUp.amr.length === 0) {
    throw new ApiConfigError(
      'ACCOUNT_OPS_OIDC_STEP_UP_ACR and ACCOUNT_OPS_OIDC_STEP_UP_AMR are both empty: no token could show MFA',
    );
  }
  return {
    issuer,
    audience,
    rolesClaim: settings.value('oidc.rolesClaim'),
    roleMap: settings.value('oidc.roleMap'),
    algorithms: settings.value('oidc.algorithms'),
    clockSkewSeconds: settings.value('oidc.clockSkewSeconds'),
    jwksCooldownSeconds: settings.value('oidc.jwksCooldownSeconds'),
    stepUp,
  };
}
