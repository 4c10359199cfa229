import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every response. Only this origin's scripts run (no inline
 * script, no eval): Swagger UI at `/docs` loads its bundle and init script as files, and so
 * does the ops console at `/console` (a Vite build). Inline styles are allowed because
 * Mermaid writes its SVG diagrams with style attributes and Swagger UI styles its page
 * inline; images may be data: URIs (icons, diagrams); the browser may only call this
 * origin. Nothing may frame the pages, and forms post only here.
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  // No `upgrade-insecure-requests` (helmet's default has it): TLS ends at the proxy in
  // front, and upgrading would break the plain-HTTP development server.
};

/** Headers a browser may read on a cross-origin response (when CORS is on). */
const EXPOSED_HEADERS = [
  'X-Request-Id',
  'Idempotent-Replayed',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'WWW-Authenticate',
];

/** What a browser page of an allowed origin may send. */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'X-Step-Up-Code',
  'X-Request-Id',
];

// API answers carry account data: no shared or browser cache may keep them. Static files
// (Swagger UI's, the console's) are served by middleware that sets its own Cache-Control.
function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * helmet's headers with the API's CSP, `Cache-Control: no-store`, and CORS only for the
 * configured origins (none by default: no `Access-Control-*` header is ever sent, so a
 * browser page of another origin can read nothing). Browsers do not send API keys on
 * their own (no cookies), so CORS guards reading, not authority.
 */
export function secureHeaders(app: INestApplication, corsOrigins: readonly string[] = []): void {
  const directives = Object.fromEntries(
    Object.entries(CONTENT_SECURITY_POLICY).map(([name, values]) => [name, [...values]]),
  );
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives },
      // As frame-ancestors 'none', for browsers that only know the older header.
      xFrameOptions: { action: 'deny' },
    }),
  );
  app.use(noStore);
  if (corsOrigins.length > 0) {
    app.enableCors({
      origin: [...corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
}
