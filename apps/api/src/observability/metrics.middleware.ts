import type { NextFunction, Request, Response } from 'express';
import type { ApiMetrics } from './metrics';

/** The matched route template; unmatched paths share one label so scanners cannot inflate it. */
function routeLabel(req: Request): string {
  const template = (req.route as { path?: unknown } | undefined)?.path;
  // Nest's not-found handler is a catch-all route (`/{*path}`): not a template of ours.
  if (typeof template === 'string' && !template.includes('*')) return `${req.baseUrl}${template}`;
  // The console's files and deep links share one label each way, like the docs.
  const path = req.originalUrl.split('?')[0] ?? '';
  if (path === '/docs' || path.startsWith('/docs/')) return '/docs';
  if (path === '/console' || path.startsWith('/console/')) return '/console';
  return 'unmatched';
}

/** Counts and times every request, read when the response finishes (so guard refusals count too). */
export function metricsMiddleware(metrics: ApiMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = process.hrtime.bigint();
    res.on('finish', () => {
      const labels = { method: req.method, route: routeLabel(req), status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - stop) / 1e9);
    });
    next();
  };
}
