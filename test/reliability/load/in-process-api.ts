import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { ApiAppOptions } from '../../../apps/api/src/app/api-options';
import { createApiApp } from '../../../apps/api/src/app/create-api-app';
import { HARNESS_RATE_LIMITS } from '../../../apps/api/test/support/harness-limits';
import { REL_CARD_SECRET, relApiKeys } from '../harness/actors';

export interface InProcessApi {
  readonly app: INestApplication;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * The API as `npm start` runs it — embedded SQLite (synchronous=FULL, inline projections),
 * deadlines and outbox in-process — listening on a free loopback port of this process.
 */
export async function startInProcessApi(
  overrides: Partial<ApiAppOptions> = {},
): Promise<InProcessApi> {
  const dir = mkdtempSync(join(tmpdir(), 'aos-load-'));
  const app = await createApiApp({
    store: `sqlite:${join(dir, 'events.db')}`,
    apiKeys: relApiKeys(),
    cardFingerprintSecret: REL_CARD_SECRET,
    // Errors still reach the test output; one info line per request would swamp it.
    log: { level: 'warn' },
    // The load test measures the engine at full speed from a few keys; the flood test
    // (flood.rel-spec.ts) is the one about limits.
    rateLimits: HARNESS_RATE_LIMITS,
    ...overrides,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
