import { Writable } from 'node:stream';
import { createRootLogger } from './logging';

describe('createRootLogger', () => {
  function capture() {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { lines, logger: createRootLogger({ destination }) };
  }

  it('writes JSON lines with an ISO time and redacts secrets and card numbers', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer k', 'x-step-up-code': '123456' } },
        body: { cardNumber: '5555555555554444' },
        text: 'card 4111111111111111',
      },
      'hello',
    );
    const line = lines.join('');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(line).not.toMatch(/Bearer k|123456|5555555555554444|4111111111111111/);
  });

  it('redacts a query string that gets into a message', () => {
    const { lines, logger } = capture();
    logger.error({ err: new Error('fetch /audit?api_key=abcdefghijklmnop1 failed') }, 'oops');
    expect(lines.join('')).not.toContain('abcdefghijklmnop1');
    expect(lines.join('')).toContain('/audit?[redacted]=[redacted]');
  });
});
