import { startTestIdentityProvider, type TestIdentityProvider } from '@account-ops/testing';
import type { OidcConfig } from '../../../apps/api/src/config/oidc-settings';
import { oidcOptionsFor } from '../../../apps/api/test/support/oidc';
import { REL_ACTORS, useAccessToken } from './actors';

const ADMIN_USERNAME = 'rel-admin';

/** What the drills' API processes read to accept the provider's tokens (ACCOUNT_OPS_OIDC_*). */
export type DrillIdentityEnv = Readonly<Record<string, string>>;

export interface DrillIdentity {
  /** The OIDC settings for an API child's environment, as `npm start` reads them. */
  readonly env: DrillIdentityEnv;
  /** The same, parsed, for an API in this process. */
  readonly oidc: OidcConfig;
  /** Stops the provider; the admin calls with the API key again. */
  close(): Promise<void>;
}

/**
 * A real OpenID provider for the drills (crash loops, deadline rounds, load), with the drills'
 * admin as a person who signs in with MFA. Every card change needs a second factor (SPEC §3)
 * and a TOTP code is accepted once per 30 s step, so many concurrent card changes need a
 * reusable proof: the admin's access token from a recent MFA sign-in. The API children judge
 * it by wall time (their authentication clock) while their domain clock runs accelerated.
 */
export async function startDrillIdentity(): Promise<DrillIdentity> {
  const idp: TestIdentityProvider = await startTestIdentityProvider({
    users: [
      {
        sub: REL_ACTORS.admin.id,
        username: ADMIN_USERNAME,
        password: `${ADMIN_USERNAME}-password`,
        name: 'Reliability Admin',
        roles: [...REL_ACTORS.admin.roles],
      },
    ],
    // A drill runs for minutes; one sign-in covers it (the API caps step-up age at 1 h).
    accessTokenTtlSeconds: 3600,
  });
  const { accessToken } = await idp.signIn({ username: ADMIN_USERNAME, mfa: true });
  useAccessToken('admin', accessToken);
  // A drill runs for minutes: the one sign-in stays a second factor for the whole run.
  const stepUp = { ACCOUNT_OPS_OIDC_STEP_UP_MAX_AGE_SECONDS: '3600' };
  return {
    env: {
      ACCOUNT_OPS_OIDC_ISSUER: idp.issuer,
      ACCOUNT_OPS_OIDC_AUDIENCE: idp.audience,
      ...stepUp,
    },
    oidc: oidcOptionsFor(idp, stepUp),
    close: async () => {
      useAccessToken('admin', undefined);
      await idp.close();
    },
  };
}
