import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { base64url, importJWK, SignJWT, type JWTPayload } from 'jose';
import type { PrivateSigningJwk, TestIdentityProvider } from '@account-ops/testing';

/**
 * Tokens made by hand for the hostile cases (a real provider never issues them): each is a
 * valid token but for one defect. The happy path uses the provider's own tokens.
 */
export function handSigned(idp: TestIdentityProvider, now: () => number = () => Date.now()) {
  const seconds = () => Math.floor(now() / 1000);
  const claims = (extra: JWTPayload = {}): JWTPayload => ({
    iss: idp.issuer,
    aud: idp.audience,
    sub: 'oidc-admin-1',
    client_id: 'test-login',
    roles: ['admin'],
    iat: seconds(),
    exp: seconds() + 300,
    ...extra,
  });

  async function sign(
    payload: JWTPayload,
    key: PrivateSigningJwk = idp.currentSigningKey(),
    header: Record<string, unknown> = {},
  ): Promise<string> {
    const privateKey = await importJWK(key, key.alg);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header })
      .sign(privateKey);
  }

  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

  return {
    claims,
    /** Signed with the provider's current key: valid unless `extra` breaks it. */
    sign: (extra: JWTPayload = {}) => sign(claims(extra)),
    /** `alg: none`, no signature. */
    unsigned: () => `${encode({ alg: 'none', typ: 'at+jwt' })}.${encode(claims())}.`,
    /** HS256 with the provider's public key (PEM) as the HMAC secret: the classic confusion. */
    async hmacWithPublicKey(): Promise<string> {
      const current = idp.currentSigningKey();
      const publicJwk = idp.publicJwks().keys.find((k) => k.kid === current.kid)!;
      const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      return new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: current.kid, typ: 'at+jwt' })
        .sign(new TextEncoder().encode(pem));
    },
    /** A well-formed token signed by a key the provider never published. */
    async unknownKey(): Promise<string> {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const jwk = privateKey.export({ format: 'jwk' });
      return sign(claims(), {
        ...jwk,
        kty: 'RSA',
        kid: 'never-published',
        alg: 'RS256',
        use: 'sig',
      });
    },
    /** A real token whose payload was changed (roles → admin) after signing. */
    tamper(token: string): string {
      const [header, payload, signature] = token.split('.');
      const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
      return `${header}.${encode({ ...decoded, roles: ['admin'] })}.${signature}`;
    },
  };
}
