import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { mapError } from './problem-mapping';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * Writes every error as RFC 9457 `application/problem+json`. Unexpected errors are logged
 * with their stack (through the request's logger, so the request id comes along) and
 * answered with a generic 500: the body never carries an internal message.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly fallbackLogger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { log?: Logger }>();
    const response = http.getResponse<Response>();
    const mapped = mapError(error);
    if (mapped.unexpected) {
      (request.log ?? this.fallbackLogger).error({ err: error }, 'unexpected error');
    }
    if (response.headersSent) {
      // The status line is gone; all that is left is to end the response.
      response.end();
      return;
    }
    for (const [name, value] of Object.entries(mapped.headers)) response.setHeader(name, value);
    response
      .status(mapped.problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(mapped.problem));
  }
}
