import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { problem, PROBLEM_CONTENT_TYPE } from '../http/problem';
import { precompressedStatic, sendNegotiated } from './precompressed';

/** Where `npm run console:build` writes the console (apps/console/dist). */
export const DEFAULT_CONSOLE_DIR = resolve(__dirname, '..', '..', '..', 'console', 'dist');

const HASHED_ASSET = /^\/assets\//;

function sendProblem(res: Response, status: 404 | 503, code: string, detail: string): void {
  res.status(status).setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
  res.send(JSON.stringify(problem(status, code, detail)));
}

/**
 * `/console`: the built single-page app. Its headers (the CSP allowing only this origin's
 * scripts and Mermaid's inline styles, nosniff, no framing) are the API's own, set by
 * `secureHeaders` before this router runs (http/security-headers.ts). Text files go out as
 * the build's brotli or gzip copy when the client accepts one (`Vary: Accept-Encoding`).
 * Hashed files under `assets/` are cached for a year; every other GET (a deep link such as `/console/accounts/acc-7`) gets index.html,
 * uncached, and the app's router takes it from there. A missing asset is a 404, not the
 * page, so a stale tab fails loudly instead of parsing HTML as JavaScript.
 */
export function consoleRouter(dir: string): Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!existsSync(index)) {
      return sendProblem(
        res,
        503,
        'SERVICE_UNAVAILABLE',
        'The console is not built: run `npm run console:build` (npm start does it).',
      );
    }
    next();
  });
  const cacheHeaders = (res: Response, path: string) => {
    const immutable = path.startsWith(join(dir, 'assets'));
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
  // The build's brotli/gzip copies, chosen by Accept-Encoding; other files as they are.
  router.use(precompressedStatic(dir, cacheHeaders));
  router.use(
    express.static(dir, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: cacheHeaders,
    }),
  );
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (HASHED_ASSET.test(req.path)) {
      return sendProblem(res, 404, 'ROUTE_NOT_FOUND', 'No such console file.');
    }
    res.setHeader('Cache-Control', 'no-cache');
    sendNegotiated(req, res, index, () => res.sendFile(index));
  });
  return router;
}
