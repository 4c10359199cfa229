import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@account-ops/accounts';
import type { CallerIdentity } from '../auth/caller';
import { actorOf, requestOf } from '../auth/request-context';
import { ApiError } from '../http/problem';

/** The engine's key rule: 1–128 printable ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** RFC 6238 as configured here: six digits. Anything else is malformed, not a wrong code. */
const STEP_UP_CODE_PATTERN = /^\d{6}$/;

/** Everything a write needs besides its body and path: who, under which key, with which code. */
export interface WriteContext {
  readonly actor: Actor;
  /** How the actor was identified: an OIDC token may itself be the second factor. */
  readonly identity?: CallerIdentity;
  readonly idempotencyKey: string;
  readonly stepUpCode: string | undefined;
  readonly requestId: string | undefined;
  /** Marks the response as a replay (`Idempotent-Replayed: true`); the body is unchanged. */
  markReplayed(): void;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Reads the write headers. `Idempotency-Key` is required on every write (docs/api.md says
 * why): without one, a retried money movement could run twice.
 */
export const Write = createParamDecorator((_: unknown, context: ExecutionContext): WriteContext => {
  const request = requestOf(context);
  const key = single(request.headers['idempotency-key']);
  if (key === undefined || key === '') {
    throw new ApiError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'Writes need an Idempotency-Key header.');
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'The request is invalid.', {
      errors: [{ field: 'Idempotency-Key', reason: 'must be 1–128 printable ASCII characters' }],
    });
  }
  const stepUpCode = single(request.headers['x-step-up-code']);
  if (stepUpCode !== undefined && stepUpCode !== '' && !STEP_UP_CODE_PATTERN.test(stepUpCode)) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'The request is invalid.', {
      errors: [{ field: 'X-Step-Up-Code', reason: 'must be 6 digits' }],
    });
  }
  const response = context.switchToHttp().getResponse<{ setHeader(n: string, v: string): void }>();
  return {
    actor: actorOf(request),
    ...(request.identity ? { identity: request.identity } : {}),
    idempotencyKey: key,
    stepUpCode,
    requestId: typeof request.id === 'string' ? request.id : undefined,
    markReplayed: () => response.setHeader('Idempotent-Replayed', 'true'),
  };
});
