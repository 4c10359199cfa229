import type { ArgumentsHost } from '@nestjs/common';
import type { Logger } from 'pino';
import { InsufficientFunds } from '@account-ops/accounts';
import { ProblemFilter } from './problem.filter';
import { ApiError } from './problem';

function host(headersSent = false) {
  const sent: { status?: number; type?: string; body?: string; headers: Record<string, string> } = {
    headers: {},
  };
  const response = {
    headersSent,
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.type = value;
      return this;
    },
    send: (body: string) => (sent.body = body),
    end: jest.fn(),
  };
  const log = { error: jest.fn() };
  const argumentsHost = {
    switchToHttp: () => ({ getRequest: () => ({ log }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { argumentsHost, sent, log, response };
}

describe('ProblemFilter', () => {
  const filter = new ProblemFilter({ error: jest.fn() } as unknown as Logger);

  it('writes application/problem+json with the mapped status and body', () => {
    const { argumentsHost, sent, log } = host();
    filter.catch(new InsufficientFunds(10, 20), argumentsHost);
    expect(sent.status).toBe(422);
    expect(sent.type).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(sent.body!)).toMatchObject({ code: 'INSUFFICIENT_FUNDS', status: 422 });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('sets the problem’s headers', () => {
    const { argumentsHost, sent } = host();
    filter.catch(
      new ApiError(401, 'UNAUTHENTICATED', 'x', {}, { 'WWW-Authenticate': 'Bearer' }),
      argumentsHost,
    );
    expect(sent.headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  });

  it('logs an unexpected error with the request’s logger and answers without its message', () => {
    const { argumentsHost, sent, log } = host();
    const error = new Error('password=hunter2');
    filter.catch(error, argumentsHost);
    expect(log.error).toHaveBeenCalledWith({ err: error }, 'unexpected error');
    expect(sent.status).toBe(500);
    expect(sent.body).not.toContain('hunter2');
    expect(sent.body).not.toContain('at ');
  });

  it('only ends a response whose headers are already sent', () => {
    const { argumentsHost, sent, response } = host(true);
    filter.catch(new Error('late'), argumentsHost);
    expect(response.end).toHaveBeenCalled();
    expect(sent.status).toBeUndefined();
  });
});
