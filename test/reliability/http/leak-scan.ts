import {
  ACTORS,
  keyOf,
  OPERATOR_TOTP_SECRET,
  type ActorName,
} from '../../../apps/api/test/support/actors';
import { MASTERCARD, VISA } from '../../../apps/api/test/support/seed';
import { CARD_SECRET } from '../../../apps/api/test/support/test-api';
import { reportFigures } from '../harness/results';
import type { Capture } from './capture';
import { dumpDatabase } from './database-dump';
import { ADMIN_TOTP_SECRET, APPROVER_TOTP_SECRET, REL_MASTER_KEY } from './reliability-api';
import type { StoreTarget } from './store-target';

/** A value that must never leave the request (or the configuration) it came in. */
export interface Needle {
  readonly what: string;
  readonly value: string;
}

/**
 * The secrets every reliability app is configured with or sent: card numbers, API keys,
 * TOTP secrets (as configured and in lower case, as a base32 decoder would accept them),
 * the card-fingerprint key and the key-encryption key (in every text encoding). Test files add the card numbers they send themselves.
 */
export function configuredSecrets(extraCards: readonly string[] = []): Needle[] {
  const cards = [...new Set([VISA, MASTERCARD, ...extraCards])];
  return [
    ...cards.map((value) => ({ what: `card number ${value.slice(0, 4)}…`, value })),
    ...(Object.keys(ACTORS) as ActorName[]).map((name) => ({
      what: `API key of ${name}`,
      value: keyOf(name),
    })),
    ...[OPERATOR_TOTP_SECRET, APPROVER_TOTP_SECRET, ADMIN_TOTP_SECRET].flatMap((secret) => [
      { what: 'TOTP secret', value: secret },
      { what: 'TOTP secret (lower case)', value: secret.toLowerCase() },
    ]),
    { what: 'card fingerprint secret', value: CARD_SECRET },
    ...(['base64', 'base64url', 'hex'] as const).map((encoding) => ({
      what: `key-encryption key (${encoding})`,
      value: REL_MASTER_KEY.key.toString(encoding),
    })),
  ];
}

export interface LeakReport {
  readonly found: ReadonlyArray<{ readonly what: string; readonly where: string }>;
  /** What was scanned: rows, bytes, log lines, responses. */
  readonly scanned: {
    readonly store: string;
    readonly tables: number;
    readonly rows: number;
    readonly rowBytes: number;
    readonly sqliteFileBytes?: number;
    readonly logLines: number;
    readonly logBytes: number;
    readonly responses: number;
    readonly responseBytes: number;
    readonly valuesLookedFor: number;
  };
}

/**
 * Looks for every needle in everything the apps of a test file left behind: each table row
 * (SQL over all tables), every byte of the SQLite files (deleted rows and WAL included),
 * every log line and every response (headers and body).
 */
export async function scanForLeaks(
  target: StoreTarget,
  capture: Capture,
  needles: readonly Needle[],
): Promise<LeakReport> {
  const dump = await dumpDatabase(target, true);
  const places: ReadonlyArray<readonly [string, string]> = [
    ['database rows', dump.text],
    ...(dump.fileBytes !== undefined ? [['database files', dump.fileBytes] as const] : []),
    ['logs', capture.logs.join('')],
    [
      'responses',
      [...capture.responses, ...capture.received].map((r) => `${r.headers}\n${r.body}`).join('\n'),
    ],
  ];
  const found = needles.flatMap(({ what, value }) =>
    places.filter(([, text]) => text.includes(value)).map(([where]) => ({ what, where })),
  );
  const sizes = capture.sizes;
  return {
    found,
    scanned: {
      store: target.backend,
      tables: Object.keys(dump.tables).length,
      rows: dump.rows,
      rowBytes: dump.text.length,
      ...(dump.fileBytes !== undefined ? { sqliteFileBytes: dump.fileBytes.length } : {}),
      logLines: sizes.logLines,
      logBytes: sizes.logBytes,
      responses: sizes.responses,
      responseBytes: sizes.responseBytes,
      valuesLookedFor: needles.length,
    },
  };
}

/**
 * Declares a file's last test: scan what its apps left (store, files, logs, responses)
 * for the configured secrets, report what was scanned, fail on any find. Jest runs a
 * file's tests in order, so this runs after everything the file did.
 */
export function itLeavesNoSecrets(
  name: string,
  subject: () => { readonly target: StoreTarget; readonly capture: Capture },
): void {
  it('leaves no secret in the store, the logs or a response', async () => {
    const { target, capture } = subject();
    const report = await scanForLeaks(target, capture, configuredSecrets());
    reportFigures(`secrets-after-${name}-${target.backend}`, {
      ...report.scanned,
      found: report.found,
    });
    expect(report.found).toEqual([]);
  });
}
