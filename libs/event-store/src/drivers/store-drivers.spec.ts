/* eslint-disable @typescript-eslint/no-require-imports -- the loader is tested with real requires */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadBetterSqlite3,
  loadPg,
  loadPgCopyStreams,
  loadStoreDriver,
  MissingStoreDriver,
} from './store-drivers';

describe('store drivers (optional peer dependencies)', () => {
  it('loads an installed driver', () => {
    expect(typeof loadPg().Pool).toBe('function');
    expect(typeof loadBetterSqlite3()).toBe('function');
    expect(typeof loadPgCopyStreams().from).toBe('function');
  });

  it('names the package to install when the driver is missing', () => {
    const missing = 'account-ops-no-such-driver';
    let thrown: unknown;
    try {
      loadStoreDriver(missing, 'PostgreSQL', () => require(missing));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MissingStoreDriver);
    expect(thrown).toMatchObject({ packageName: missing, store: 'PostgreSQL' });
    expect((thrown as Error).message).toContain(`npm install ${missing}`);
  });

  it('rethrows a failure inside an installed driver (its own missing dependency) unchanged', () => {
    // A package that is present but requires something absent: not "install the driver".
    const root = mkdtempSync(join(tmpdir(), 'store-driver-'));
    const dir = join(root, 'node_modules', 'broken-driver');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.js'), "require('account-ops-absent-dependency');\n");
    const path = join(dir, 'index.js');
    let thrown: unknown;
    try {
      loadStoreDriver('broken-driver', 'SQLite', () => require(path));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).not.toBeInstanceOf(MissingStoreDriver);
    expect((thrown as Error).message).toContain('account-ops-absent-dependency');
  });
});
