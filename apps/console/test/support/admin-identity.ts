import { startTestIdentityProvider } from './identity-provider';
import { PEOPLE } from './story';

export interface AdminIdentity {
  /** The server's ACCOUNT_OPS_OIDC_* settings: it accepts the provider's tokens beside the keys. */
  readonly env: Readonly<Record<string, string>>;
  /** The admin's access token from a sign-in with MFA, for seeding over HTTP. */
  readonly adminToken: string;
  close(): Promise<void>;
}

/**
 * The suites' admin as a person at a loopback identity provider, signed in with MFA. Every
 * card change needs a second factor (SPEC §3) and a TOTP code is accepted once per 30 s step;
 * one recent MFA sign-in covers every card the seed sets. The browser still signs in with
 * the admin's API key: only the seed uses the token.
 */
export async function startAdminIdentity(): Promise<AdminIdentity> {
  const idp = await startTestIdentityProvider({
    users: [
      {
        sub: PEOPLE.admin.id,
        username: 'console-admin',
        password: 'console-admin-password',
        name: 'Console Admin',
        roles: [PEOPLE.admin.roles],
      },
    ],
  });
  const { accessToken } = await idp.signIn({ username: 'console-admin', mfa: true });
  return {
    env: { ACCOUNT_OPS_OIDC_ISSUER: idp.issuer, ACCOUNT_OPS_OIDC_AUDIENCE: idp.audience },
    adminToken: accessToken,
    close: () => idp.close(),
  };
}
