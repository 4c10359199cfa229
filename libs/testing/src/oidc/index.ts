export {
  startTestIdentityProvider,
  type TestIdentityProvider,
  type TestIdentityProviderOptions,
} from './test-identity-provider';
export type { SignInOptions, SignedIn } from './login-driver';
export {
  newSigningKey,
  publicJwkOf,
  type PrivateSigningJwk,
  type SigningAlg,
} from './signing-keys';
export {
  TEST_ACR_MFA,
  TEST_ACR_PASSWORD,
  TEST_AUDIENCE,
  TEST_INTEGRATION_CLIENTS,
  TEST_LOGIN_CLIENT,
  TEST_OTP,
  TEST_USERS,
  type TestClient,
  type TestUser,
} from './test-users';
