import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request, { type Test } from 'supertest';

/** Omit the header instead of generating one. */
export const NO_KEY = null;

/**
 * supertest with the caller's Authorization header, and a fresh Idempotency-Key on every
 * write unless the test gives one (or NO_KEY).
 */
export class ApiClient {
  constructor(
    private readonly server: Server,
    private readonly authorization: string | undefined,
  ) {}

  get(path: string): Test {
    return this.auth(request(this.server).get(path));
  }

  post(path: string, body?: unknown, key: string | null = randomUUID()): Test {
    return this.write(request(this.server).post(path), body, key);
  }

  put(path: string, body?: unknown, key: string | null = randomUUID()): Test {
    return this.write(request(this.server).put(path), body, key);
  }

  patch(path: string, body?: unknown, key: string | null = randomUUID()): Test {
    return this.write(request(this.server).patch(path), body, key);
  }

  delete(path: string, body?: unknown, key: string | null = randomUUID()): Test {
    return this.write(request(this.server).delete(path), body, key);
  }

  /** Any method, for tables of routes. */
  send(method: string, path: string, body?: unknown, key: string | null = randomUUID()): Test {
    const m = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    return m === 'get' ? this.get(path) : this[m](path, body, key);
  }

  private auth(test: Test): Test {
    return this.authorization === undefined ? test : test.set('Authorization', this.authorization);
  }

  private write(test: Test, body: unknown, key: string | null): Test {
    const authed = this.auth(test);
    const keyed = key === null ? authed : authed.set('Idempotency-Key', key);
    return body === undefined ? keyed : keyed.send(body as object);
  }
}
