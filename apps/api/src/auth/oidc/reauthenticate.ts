import { DomainError } from '@account-ops/accounts';
import type { OidcStepUpPolicy } from '../../config/oidc-settings';
import { ApiError } from '../../http/problem';
import { STATUS_BY_KIND } from '../../http/problem-mapping';
import { reauthenticationHints } from './token-step-up';

export function isStepUpRequired(error: unknown): error is DomainError {
  return error instanceof DomainError && error.code === 'STEP_UP_REQUIRED';
}

/**
 * 403 STEP_UP_REQUIRED for a person with an OIDC token: the domain's refusal, plus what to
 * send them back to the provider with (`reauthenticate`) and the RFC 9470 challenge.
 */
export function reauthenticate(error: DomainError, policy: OidcStepUpPolicy): ApiError {
  const hints = reauthenticationHints(policy);
  const challenge = [
    'Bearer realm="account-ops"',
    'error="insufficient_user_authentication"',
    'error_description="A recent multi-factor sign-in is required"',
    ...(hints.acr_values !== undefined ? [`acr_values="${hints.acr_values}"`] : []),
    `max_age=${hints.max_age}`,
  ].join(', ');
  // The domain's own refusal and code, with the way out added.
  return new ApiError(
    STATUS_BY_KIND[error.kind],
    error.code,
    `${error.message}: sign in again at the identity provider with a second factor (max_age=${hints.max_age}${hints.acr_values !== undefined ? `, acr_values=${hints.acr_values}` : ''}), then retry with the new token.`,
    { details: { ...error.details, reauthenticate: hints } },
    { 'WWW-Authenticate': challenge },
  );
}
