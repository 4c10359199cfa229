import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';

/**
 * A request written byte for byte: header values and paths Node's own client refuses to
 * send (control characters, bytes above 0x7f, repeated Content-Length, obs-fold) are
 * exactly what hostile clients send.
 */
export interface RawRequest {
  readonly method: string;
  /** Sent as is: percent-encode what should be encoded, leave raw what should not. */
  readonly path: string;
  readonly headers?: ReadonlyArray<readonly [string, string | Buffer]>;
  readonly body?: string | Buffer;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

function decodeChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function parseResponse(bytes: Buffer): RawResponse {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no HTTP response: ${JSON.stringify(bytes.toString('latin1'))}`);
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(end + 4);
  const body = /chunked/i.test(headers['transfer-encoding'] ?? '') ? decodeChunked(rest) : rest;
  return { status: Number(statusLine!.split(' ')[1]), headers, text: body.toString('utf8') };
}

/** Sends one request on a fresh connection (closed by the server after the answer). */
export function sendRaw(server: Server, request: RawRequest): Promise<RawResponse> {
  const { port } = server.address() as AddressInfo;
  const body =
    request.body === undefined ? undefined : Buffer.from(request.body as string | Buffer);
  const headers = [...(request.headers ?? [])];
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  if (body !== undefined && !has('content-length') && !has('transfer-encoding'))
    headers.push(['Content-Length', String(body.length)]);
  const head = Buffer.concat([
    Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`, 'latin1'),
    ...headers.map(([name, value]) =>
      Buffer.concat([Buffer.from(`${name}: `, 'latin1'), Buffer.from(value), Buffer.from('\r\n')]),
    ),
    Buffer.from('Connection: close\r\n\r\n'),
  ]);
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let failure: Error | undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A server that answers early (413, 431) may reset the connection while the rest of
    // the request is still being written: the answer already received is what counts.
    socket.on('error', (error) => (failure = error));
    socket.on('close', () => {
      if (chunks.length === 0) return reject(failure ?? new Error('closed without an answer'));
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.write(body === undefined ? head : Buffer.concat([head, body]));
  });
}
