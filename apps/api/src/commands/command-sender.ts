import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  DomainError,
  type CommandOf,
  type CommandPayloads,
  type CommandType,
} from '@account-ops/accounts';
import {
  CommandsOverloaded,
  ConcurrencyConflict,
  IdempotencyKeyReused,
  toCqrsCommand,
  type CommandResult,
  type ExecuteOptions,
} from '@account-ops/engine';
import type { Actor } from '@account-ops/accounts';
import type { Clock } from '@account-ops/engine';
import { API_CLOCK } from '../app/tokens';
import { CALLER_IDENTIFIER } from '../auth/api-key.guard';
import type { CallerIdentifier } from '../auth/caller';
import type { OidcStepUpPolicy } from '../config/oidc-settings';
import { reauthenticationHints, tokenStepUp } from '../auth/oidc/token-step-up';
import { ApiError } from '../http/problem';
import { STATUS_BY_KIND } from '../http/problem-mapping';
import { API_METRICS, type ApiMetrics } from '../observability/metrics';
import type { WriteContext } from './write-context';

function outcomeOf(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  if (
    error instanceof ConcurrencyConflict ||
    error instanceof IdempotencyKeyReused ||
    error instanceof CommandsOverloaded
  )
    return error.code;
  return 'error';
}

// `undefined` fields are dropped so that the command (and the engine's fingerprint of it)
// is the same whether a client omitted an optional field or sent it blank.
function defined<T extends object>(payload: T): T {
  return Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined)) as T;
}

function isStepUpRequired(error: unknown): error is DomainError {
  return error instanceof DomainError && error.code === 'STEP_UP_REQUIRED';
}

/**
 * 403 STEP_UP_REQUIRED for a person with an OIDC token: the domain's refusal, plus what to
 * send them back to the provider with (`reauthenticate`) and the RFC 9470 challenge.
 */
function reauthenticate(error: DomainError, policy: OidcStepUpPolicy): ApiError {
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

/**
 * The one way controllers reach the engine: builds the domain command from the path,
 * body and caller, sends it on the CommandBus with the write's idempotency key, step-up
 * code and request id (as correlation id), and counts the outcome.
 */
@Injectable()
export class CommandSender {
  constructor(
    @Inject(CommandBus) private readonly bus: CommandBus,
    @Inject(API_METRICS) private readonly metrics: ApiMetrics,
    @Inject(CALLER_IDENTIFIER) private readonly callers: CallerIdentifier,
    @Inject(API_CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A write: replays are flagged on the response. A person signed in through the identity
   * provider passes a step-up with their token (a recent MFA sign-in); refused without one,
   * they are told how to re-authenticate there.
   */
  async write<T extends CommandType>(
    type: T,
    accountId: string,
    payload: CommandPayloads[T],
    context: WriteContext,
  ): Promise<CommandResult> {
    const policy = this.callers.oidc?.config.stepUp;
    const byToken = tokenStepUp(context.identity, policy, this.clock.now());
    try {
      const result = await this.send(type, accountId, payload, context.actor, {
        idempotencyKey: context.idempotencyKey,
        ...(context.stepUpCode !== undefined ? { stepUpCode: context.stepUpCode } : {}),
        ...(byToken.verified ? { stepUpVerifiedByHost: true } : {}),
        ...(context.requestId !== undefined ? { correlationId: context.requestId } : {}),
      });
      if (result.replayed) context.markReplayed();
      return result;
    } catch (error) {
      if (policy && context.identity?.method === 'oidc' && isStepUpRequired(error)) {
        throw reauthenticate(error, policy);
      }
      throw error;
    }
  }

  /** A read-only command (the export): authorised and checked by the domain, writes nothing. */
  read<T extends CommandType>(
    type: T,
    accountId: string,
    payload: CommandPayloads[T],
    actor: Actor,
  ) {
    // Reads keep working while writes are shed.
    return this.send(type, accountId, payload, actor, { sheddable: false });
  }

  private async send<T extends CommandType>(
    type: T,
    accountId: string,
    payload: CommandPayloads[T],
    actor: Actor,
    options: ExecuteOptions,
  ): Promise<CommandResult> {
    const command = { type, accountId, actor, ...defined(payload) } as CommandOf<T>;
    try {
      const result: CommandResult = await this.bus.execute(toCqrsCommand(command, options));
      this.metrics.commands.inc({ type, outcome: result.replayed ? 'replayed' : 'ok' });
      return result;
    } catch (error) {
      this.metrics.commands.inc({ type, outcome: outcomeOf(error) });
      throw error;
    }
  }
}
