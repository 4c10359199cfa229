import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { chooseEncoding } from './accept-encoding';

/** The encodings the console build writes beside its files (apps/console/build/precompress.ts). */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** Whether responses for this file can differ by Accept-Encoding (a compressed copy exists). */
export function hasCompressedCopy(file: string): boolean {
  return ENCODINGS.some((e) => isFile(file + e.suffix));
}

/**
 * Sends `file` as its brotli or gzip copy when the client accepts one (by its q-values,
 * brotli first on a tie) and the build made it; otherwise calls `fallback`,
 * which sends the file as it is. Either way the answer says `Vary: Accept-Encoding` when a
 * copy exists, so a shared cache never hands a compressed body to a client that did not ask.
 */
export function sendNegotiated(
  req: Request,
  res: Response,
  file: string,
  fallback: () => void,
): void {
  if (!hasCompressedCopy(file)) return fallback();
  res.vary('Accept-Encoding');
  const available = ENCODINGS.filter((e) => isFile(file + e.suffix));
  const accepted = chooseEncoding(
    req.headers['accept-encoding'],
    available.map((e) => e.name),
  );
  const chosen = available.find((e) => e.name === accepted);
  if (!chosen) return fallback();
  res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('Content-Encoding', chosen.name);
  // No byte ranges of a compressed body: the ranges would be of the wrong representation.
  res.sendFile(file + chosen.suffix, { acceptRanges: false, dotfiles: 'deny' });
}

/**
 * Middleware for the static files of `dir`: a request for a file that has compressed
 * copies gets the best one the client accepts; anything else goes on to `express.static`.
 */
export function precompressedStatic(dir: string, headers: (res: Response, file: string) => void) {
  const root = normalize(dir + sep);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = normalize(join(root, path));
    // Outside the build (../) or a directory: not ours to answer.
    if (!file.startsWith(root) || !TYPES[extname(file)] || !isFile(file)) return next();
    if (!hasCompressedCopy(file)) return next();
    headers(res, file);
    sendNegotiated(req, res, file, () => {
      res.setHeader('Content-Type', TYPES[extname(file)]!);
      res.sendFile(file, { dotfiles: 'deny' });
    });
  };
}
