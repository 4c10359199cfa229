/**
 * The test identity provider of libs/testing (a real oidc-provider on loopback). This
 * suite's tsconfig does not map the libs' import names, so it is loaded here under the
 * shape it exports (like seed-store.ts).
 */
export interface TestClient {
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly redirectUris?: readonly string[];
  readonly postLogoutRedirectUris?: readonly string[];
}

export interface TestIdentityProvider {
  readonly issuer: string;
  readonly audience: string;
  registerClient(client: TestClient): void;
  signIn(options: { username: string; mfa?: boolean }): Promise<{ accessToken: string }>;
  readonly serverErrors: readonly unknown[];
  close(): Promise<void>;
}

interface TestingLib {
  startTestIdentityProvider(options?: Record<string, unknown>): Promise<TestIdentityProvider>;
  TEST_ACR_MFA: string;
  TEST_OTP: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const testing = require('../../../../libs/testing/src/oidc') as TestingLib;

export const startTestIdentityProvider = testing.startTestIdentityProvider;
export const TEST_ACR_MFA = testing.TEST_ACR_MFA;
export const TEST_OTP = testing.TEST_OTP;
