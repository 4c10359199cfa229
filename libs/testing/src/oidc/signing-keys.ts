import { generateKeyPairSync, randomUUID } from 'node:crypto';

/** A private signing key as the provider takes it (JWK with `kid`, `alg`, `use`). */
export interface PrivateSigningJwk {
  readonly kid: string;
  readonly alg: SigningAlg;
  readonly use: 'sig';
  readonly kty: string;
  readonly [member: string]: unknown;
}

/** The asymmetric algorithms the test provider can sign with. */
export type SigningAlg = 'RS256' | 'PS256' | 'ES256' | 'EdDSA';

/** A fresh key pair for `alg`, exported as a private JWK with a random `kid`. */
export function newSigningKey(alg: SigningAlg = 'RS256'): PrivateSigningJwk {
  const { privateKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kty: jwk.kty!, kid: `test-${randomUUID()}`, alg, use: 'sig' };
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** The public half of a private JWK (what the provider publishes in its JWKS). */
export function publicJwkOf(jwk: PrivateSigningJwk): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.includes(name)),
  );
}
