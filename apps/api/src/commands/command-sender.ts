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
import { API_AUTHENTICATION_CLOCK } from '../app/tokens';
import { CALLER_IDENTIFIER } from '../auth/api-key.guard';
import type { CallerIdentifier } from '../auth/caller';
import { isStepUpRequired, reauthenticate } from '../auth/oidc/reauthenticate';
import { tokenStepUp } from '../auth/oidc/token-step-up';
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
    @Inject(API_AUTHENTICATION_CLOCK) private readonly authenticationClock: Clock,
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
    const byToken = tokenStepUp(context.identity, policy, this.authenticationClock.now());
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
