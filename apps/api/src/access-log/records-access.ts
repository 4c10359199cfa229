import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { AccessLog } from '@account-ops/event-store';
import { from, mergeMap, type Observable } from 'rxjs';
import { actorOf, requestOf, type ApiRequest } from '../auth/request-context';
import { ApiError } from '../http/problem';
import { ProblemSchema } from '../openapi/problem.schema';
import { ROUTE_NAME } from '../routes/endpoint.decorator';
import { ACCESS_LOG } from './access-log.provider';
import { FirstSight, LIST_FIRST_SIGHT_MS } from './first-sight';
import { API_CLOCK } from '../app/tokens';
import type { Clock } from '@account-ops/engine';

/** Which accounts' personal data a response reveals. */
export type RevealedAccounts = (result: unknown, request: ApiRequest) => readonly string[];

const REVEALS = 'account-ops:reveals';
const POLLED = 'account-ops:polled';

/** The default: the account named by the `:id` path parameter. */
export const pathAccount: RevealedAccounts = (_result, request) => {
  const id: unknown = request.params['id'];
  return typeof id === 'string' ? [id] : [];
};

/** Every `accountId` of a `{ items: [...] }` page (audit rows, search hits). */
export const itemAccounts: RevealedAccounts = (result) => {
  const items = (result as { items?: ReadonlyArray<{ accountId?: unknown }> }).items ?? [];
  return items.map((item) => item.accountId).filter((id): id is string => typeof id === 'string');
};

/**
 * Records, in the read-access log, one record per account whose personal data the
 * handler's response reveals (who, which account, which route, when, the request id),
 * after the handler has produced the response and before it is sent. If the record
 * cannot be stored, the response is not sent: 503 ACCESS_LOG_UNAVAILABLE (fail closed).
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  private readonly firstSight = new FirstSight(LIST_FIRST_SIGHT_MS);

  constructor(
    @Inject(ACCESS_LOG) private readonly log: AccessLog,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(API_CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = requestOf(context);
    const what = this.reflector.get<string>(ROUTE_NAME, context.getHandler());
    const reveals =
      this.reflector.get<RevealedAccounts | undefined>(REVEALS, context.getHandler()) ??
      pathAccount;
    const polled = this.reflector.get<boolean | undefined>(POLLED, context.getHandler()) === true;
    return next
      .handle()
      .pipe(
        mergeMap((result: unknown) =>
          from(this.recordThenPass(result, request, what, reveals, polled)),
        ),
      );
  }

  private async recordThenPass(
    result: unknown,
    request: ApiRequest,
    what: string,
    reveals: RevealedAccounts,
    polled: boolean,
  ): Promise<unknown> {
    const actor = actorOf(request).id;
    const revealed = [...new Set(reveals(result, request))];
    const now = this.clock.now().getTime();
    const accounts = polled ? this.firstSight.unseen(actor, what, revealed, now) : revealed;
    const requestId = request.id === undefined ? null : String(request.id);
    try {
      await this.log.record(accounts.map((accountId) => ({ actor, accountId, what, requestId })));
      if (polled) this.firstSight.saw(actor, what, accounts, now);
    } catch (error) {
      request.log?.error({ err: error }, 'read-access log: recording failed, response withheld');
      throw new ApiError(
        503,
        'ACCESS_LOG_UNAVAILABLE',
        'The read could not be recorded in the read-access log, so its data is withheld. Retry later.',
      );
    }
    return result;
  }
}

export interface RecordsAccessOptions {
  /**
   * A list the console polls (the ops lists, the audit page): each row's account is recorded
   * at first sight per actor and route within {@link LIST_FIRST_SIGHT_MS}, not on every refresh.
   */
  readonly polled?: boolean;
}

/**
 * `@RecordsAccess()` on a handler whose response holds an account's personal data (the
 * account of the `:id` path parameter), or `@RecordsAccess(itemAccounts)` for a page of
 * several accounts' rows. One line per route; see docs/auditing.md.
 */
export function RecordsAccess(
  reveals: RevealedAccounts = pathAccount,
  options: RecordsAccessOptions = {},
): MethodDecorator {
  return applyDecorators(
    SetMetadata(REVEALS, reveals),
    SetMetadata(POLLED, options.polled === true),
    UseInterceptors(AccessLogInterceptor),
    ApiResponse({
      status: 503,
      description:
        'application/problem+json, code ACCESS_LOG_UNAVAILABLE: the read could not be recorded, so nothing was returned',
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemSchema) } } },
    }),
  );
}
