import type { OidcStepUpPolicy } from '../../config/oidc-settings';
import type { CallerIdentity } from '../caller';

/** Whether the caller's token counts as a second factor now, and until when. */
export interface TokenStepUp {
  readonly verified: boolean;
  /** When the token stops counting (auth_time + max age); absent when it never does. */
  readonly freshUntil?: Date;
}

/**
 * A person's OIDC token is a second factor when it shows MFA (`acr` one of the accepted
 * values, or an accepted `amr` present) and the authentication (`auth_time`) is at most
 * `maxAgeSeconds` old. An API key caller never passes this way (they use TOTP).
 */
export function tokenStepUp(
  identity: CallerIdentity | undefined,
  policy: OidcStepUpPolicy | undefined,
  now: Date,
): TokenStepUp {
  if (identity?.method !== 'oidc' || !policy || identity.authTime === undefined) {
    return { verified: false };
  }
  const mfa =
    (identity.acr !== undefined && policy.acr.includes(identity.acr)) ||
    (identity.amr ?? []).some((method) => policy.amr.includes(method));
  if (!mfa) return { verified: false };
  const freshUntil = new Date((identity.authTime + policy.maxAgeSeconds) * 1000);
  return { verified: now.getTime() <= freshUntil.getTime(), freshUntil };
}

/**
 * What a client sends the person back to the provider with (OpenID Connect Core §3.1.2.1,
 * RFC 9470): re-authenticate now, with MFA.
 */
export function reauthenticationHints(policy: OidcStepUpPolicy): {
  readonly max_age: number;
  readonly prompt: 'login';
  readonly acr_values?: string;
} {
  return {
    max_age: policy.maxAgeSeconds,
    prompt: 'login',
    ...(policy.acr.length > 0 ? { acr_values: policy.acr.join(' ') } : {}),
  };
}
