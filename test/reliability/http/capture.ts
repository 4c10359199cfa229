import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';

/** One response exactly as the app wrote it: status, headers and body bytes. */
export interface CapturedResponse {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/**
 * Everything the apps of one test file said: each response (captured at the HTTP server,
 * so no client can forget to record one) and each log line (the pino destination). The
 * secrets scan reads both.
 */
export class Capture {
  readonly responses: CapturedResponse[] = [];
  /**
   * Answers as clients received them: includes those Node's HTTP parser gave before the
   * app saw a request (a 431, a 400 for broken framing), which `responses` cannot see.
   */
  readonly received: CapturedResponse[] = [];
  readonly logs: string[] = [];

  /** A pino destination that keeps every line. */
  logDestination(): Writable {
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.logs.push(chunk.toString('utf8'));
        done();
      },
    });
  }

  /** Records every response `server` sends, before any other request listener runs. */
  recordResponses(server: Server): void {
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      const keep = (chunk: unknown, encoding?: unknown) => {
        if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
        chunks.push(
          Buffer.isBuffer(chunk)
            ? chunk
            : Buffer.from(
                String(chunk),
                typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
              ),
        );
      };
      const write = res.write.bind(res);
      const end = res.end.bind(res);
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        keep(chunk, rest[0]);
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof res.write;
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        keep(chunk, rest[0]);
        return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
      }) as typeof res.end;
      res.on('finish', () => {
        this.responses.push({
          status: res.statusCode,
          headers: JSON.stringify(res.getHeaders()),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
  }

  /** How much was captured, for the scan report. */
  get sizes(): { responses: number; responseBytes: number; logLines: number; logBytes: number } {
    const all = [...this.responses, ...this.received];
    return {
      responses: all.length,
      responseBytes: all.reduce((n, r) => n + r.body.length + r.headers.length, 0),
      logLines: this.logs.length,
      logBytes: this.logs.reduce((n, line) => n + line.length, 0),
    };
  }
}
