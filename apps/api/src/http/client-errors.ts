import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

const REFUSALS: Readonly<Record<string, readonly [number, string, string]>> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'HEADERS_TOO_LARGE',
    'The request line and headers are larger than allowed.',
  ],
};
const MALFORMED = [400, 'BAD_REQUEST', 'The request could not be understood.'] as const;

/**
 * Requests Node's HTTP parser refuses before the app sees them (headers or URL over 16 kB,
 * invalid header characters, broken chunked encoding) are answered like every other
 * refusal: a problem document, not Node's bare status line. Nothing from the request is
 * echoed.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The client went away, or a response is already under way: nothing can be said.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, detail] = REFUSALS[error.code ?? ''] ?? MALFORMED;
    const doc = problem(status, code, detail);
    const body = JSON.stringify(doc);
    socket.end(
      `HTTP/1.1 ${status} ${doc.title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
