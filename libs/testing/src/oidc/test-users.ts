/**
 * People and integrations known to the test identity provider. Passwords and client
 * secrets here are test fixtures, never configuration of a running service.
 */
export interface TestUser {
  /** Stable subject id (the API's actor id). */
  readonly sub: string;
  readonly username: string;
  readonly password: string;
  readonly name?: string;
  readonly email?: string;
  /** Emitted as the `roles` claim (array of strings) when set. */
  readonly roles?: readonly string[];
  /** Emitted as the `groups` claim when set (map them with ACCOUNT_OPS_OIDC_ROLE_MAP). */
  readonly groups?: readonly string[];
  /** The one-time code the login form accepts as a second factor; default `123456`. */
  readonly otp?: string;
}

/** A relying party: a public PKCE client (no secret), a confidential one, or an integration. */
export interface TestClient {
  readonly clientId: string;
  /** Absent: a public client (`token_endpoint_auth_method: none`, PKCE). */
  readonly clientSecret?: string;
  readonly redirectUris?: readonly string[];
  readonly postLogoutRedirectUris?: readonly string[];
  /** Default: authorization_code + refresh_token with redirect URIs, client_credentials without. */
  readonly grantTypes?: readonly ('authorization_code' | 'refresh_token' | 'client_credentials')[];
  /** Client-credentials tokens carry these in the `roles` claim (the integration's role). */
  readonly roles?: readonly string[];
}

export const TEST_OTP = '123456';

/** `acr` of a sign-in with a second factor / with a password only. */
export const TEST_ACR_MFA = 'urn:account-ops:test:mfa';
export const TEST_ACR_PASSWORD = 'urn:account-ops:test:pwd';

/** The audience (resource indicator) access tokens are issued for unless told otherwise. */
export const TEST_AUDIENCE = 'https://account-ops.test/api';

export const TEST_USERS: readonly TestUser[] = [
  {
    sub: 'oidc-approver-1',
    username: 'ann',
    password: 'ann-password',
    name: 'Ann Approver',
    email: 'ann@bank.test',
    roles: ['approver'],
    groups: ['finance-checkers'],
  },
  {
    sub: 'oidc-operator-1',
    username: 'olga',
    password: 'olga-password',
    name: 'Olga Operator',
    email: 'olga@bank.test',
    roles: ['operator'],
    groups: ['ops-staff'],
  },
  {
    sub: 'oidc-admin-1',
    username: 'ada',
    password: 'ada-password',
    name: 'Ada Admin',
    email: 'ada@bank.test',
    roles: ['admin'],
    groups: ['platform-admins'],
  },
  // Signs in fine but holds no role the API knows.
  { sub: 'oidc-visitor-1', username: 'vic', password: 'vic-password', name: 'Vic Visitor' },
];

/** The public PKCE client the programmatic sign-in uses unless told otherwise. */
export const TEST_LOGIN_CLIENT: TestClient = {
  clientId: 'test-login',
  redirectUris: ['http://127.0.0.1/test-callback'],
  postLogoutRedirectUris: ['http://127.0.0.1/test-signed-out'],
};

/** One client-credentials integration per integration role. */
export const TEST_INTEGRATION_CLIENTS: readonly TestClient[] = [
  'payment_gateway',
  'identity_provider',
  'billing',
  'scheduler',
].map((role) => ({
  clientId: role.replace('_', '-'),
  clientSecret: `${role}-test-client-secret`,
  grantTypes: ['client_credentials'],
  roles: [role],
}));
