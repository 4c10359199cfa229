import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings, SettingError, SettingRegistry } from '@account-ops/engine';
import { ApiConfigError } from './api-config-error';
import { OIDC_SETTINGS, oidcConfigFrom } from './oidc-settings';

const load = (env: NodeJS.ProcessEnv) =>
  oidcConfigFrom(loadSettings(new SettingRegistry(OIDC_SETTINGS), env));
const BASE = {
  ACCOUNT_OPS_OIDC_ISSUER: 'https://idp.bank.example',
  ACCOUNT_OPS_OIDC_AUDIENCE: 'account-ops',
};

describe('OIDC settings (ACCOUNT_OPS_OIDC_*)', () => {
  it('is off without an issuer', () => {
    expect(load({})).toBeUndefined();
  });

  it('has safe defaults', () => {
    expect(load(BASE)).toEqual({
      issuer: 'https://idp.bank.example',
      audience: 'account-ops',
      rolesClaim: 'roles',
      roleMap: {},
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      clockSkewSeconds: 30,
      jwksCooldownSeconds: 30,
      stepUp: { maxAgeSeconds: 300, acr: [], amr: ['mfa'] },
    });
  });

  it('reads every setting', () => {
    expect(
      load({
        ...BASE,
        ACCOUNT_OPS_OIDC_ROLES_CLAIM: 'realm_access.roles',
        ACCOUNT_OPS_OIDC_ROLE_MAP: 'finance=approver; ops=operator|auditor',
        ACCOUNT_OPS_OIDC_ALGORITHMS: 'ES256, EdDSA',
        ACCOUNT_OPS_OIDC_CLOCK_SKEW_SECONDS: '0',
        ACCOUNT_OPS_OIDC_JWKS_COOLDOWN_SECONDS: '60',
        ACCOUNT_OPS_OIDC_STEP_UP_MAX_AGE_SECONDS: '120',
        ACCOUNT_OPS_OIDC_STEP_UP_ACR: 'urn:bank:mfa,urn:bank:hwk',
        ACCOUNT_OPS_OIDC_STEP_UP_AMR: 'hwk',
      }),
    ).toMatchObject({
      rolesClaim: 'realm_access.roles',
      roleMap: { finance: ['approver'], ops: ['operator', 'auditor'] },
      algorithms: ['ES256', 'EdDSA'],
      clockSkewSeconds: 0,
      jwksCooldownSeconds: 60,
      stepUp: { maxAgeSeconds: 120, acr: ['urn:bank:mfa', 'urn:bank:hwk'], amr: ['hwk'] },
    });
  });

  it('accepts http:// only on a loopback address', () => {
    for (const issuer of [
      'http://127.0.0.1:8080',
      'http://localhost:9000/realms/x',
      'http://[::1]:1',
    ]) {
      expect(load({ ...BASE, ACCOUNT_OPS_OIDC_ISSUER: issuer })?.issuer).toBe(issuer);
    }
    for (const issuer of [
      'http://idp.bank.example',
      'http://10.0.0.5',
      'ftp://x',
      'not a url',
      'https://idp?x=1',
    ]) {
      expect(() => load({ ...BASE, ACCOUNT_OPS_OIDC_ISSUER: issuer })).toThrow(SettingError);
    }
  });

  it.each([
    ['ACCOUNT_OPS_OIDC_ALGORITHMS', 'HS256'],
    ['ACCOUNT_OPS_OIDC_ALGORITHMS', 'RS256,none'],
    ['ACCOUNT_OPS_OIDC_ALGORITHMS', ' , '],
    ['ACCOUNT_OPS_OIDC_CLOCK_SKEW_SECONDS', '301'],
    ['ACCOUNT_OPS_OIDC_CLOCK_SKEW_SECONDS', '-1'],
    ['ACCOUNT_OPS_OIDC_STEP_UP_MAX_AGE_SECONDS', '0'],
    ['ACCOUNT_OPS_OIDC_ROLE_MAP', 'finance=superuser'],
    ['ACCOUNT_OPS_OIDC_ROLE_MAP', 'finance=system'],
    ['ACCOUNT_OPS_OIDC_ROLE_MAP', '=approver'],
    ['ACCOUNT_OPS_OIDC_ROLE_MAP', 'finance='],
  ])('refuses %s=%j, naming the variable', (name, value) => {
    expect(() => load({ ...BASE, [name]: value })).toThrow(new RegExp(name));
  });

  it('needs an audience with an issuer, and some way to show MFA', () => {
    expect(() => load({ ACCOUNT_OPS_OIDC_ISSUER: BASE.ACCOUNT_OPS_OIDC_ISSUER })).toThrow(
      ApiConfigError,
    );
    expect(() => load({ ACCOUNT_OPS_OIDC_AUDIENCE: 'x' })).toThrow(ApiConfigError);
    // An empty list in the environment keeps the default; the file can empty both.
    expect(load({ ...BASE, ACCOUNT_OPS_OIDC_STEP_UP_AMR: 'hwk' })?.stepUp.amr).toEqual(['hwk']);
  });
});

describe('the OIDC settings are documented', () => {
  const root = join(__dirname, '..', '..', '..', '..');
  const operations = readFileSync(join(root, 'docs', 'operations.md'), 'utf8');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  it.each(OIDC_SETTINGS.map((s) => [s.env, s.key] as const))(
    '%s (%s) is in docs/operations.md and the README',
    (env, key) => {
      expect(operations).toContain(`| \`${key}\``);
      expect(operations).toContain(`\`${env}\``);
      expect(readme).toContain(`| \`${env}\``);
    },
  );
});
