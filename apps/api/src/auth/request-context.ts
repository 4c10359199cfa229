import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@account-ops/accounts';
import type { Request } from 'express';
import type { ConsoleSession } from '../sign-in/console-sessions';
import type { CallerIdentity } from './caller';

/**
 * What the API adds to an Express request: the authenticated actor. (`id`, the request id,
 * is pino-http's: the client's `X-Request-Id` when well-formed, else generated.)
 */
export interface ApiRequest extends Request {
  /** Set by the API key guard. */
  actor?: Actor;
  /** Set by the guard when the caller came with a console session cookie (not a bearer). */
  consoleSession?: ConsoleSession;
  /** How the actor was identified (API key, or OIDC with the token's facts); set with `actor`. */
  identity?: CallerIdentity;
  /** Why the guard refused to authenticate the request (for the request log; never a credential). */
  authRefusal?: string;
}

export function requestOf(context: ExecutionContext): ApiRequest {
  return context.switchToHttp().getRequest<ApiRequest>();
}

/** The authenticated caller. Only on guarded routes, where the guard has set it. */
export function actorOf(request: ApiRequest): Actor {
  if (!request.actor) throw new Error('no authenticated actor on a guarded route');
  return request.actor;
}

/** `@CurrentActor() actor: Actor` */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) =>
  actorOf(requestOf(context)),
);

/** `@CurrentIdentity() identity: CallerIdentity`: how the caller was identified (guarded routes). */
export const CurrentIdentity = createParamDecorator(
  (_: unknown, context: ExecutionContext): CallerIdentity =>
    requestOf(context).identity ?? { method: 'api_key' },
);
