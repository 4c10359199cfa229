import { accountStreamId } from '@account-ops/engine';
import { verifyStream, type VerificationResult } from '@account-ops/event-store';
import { Option, type Command } from 'commander';
import { rmSync } from 'node:fs';
import { accountReader, loadAccount } from '../audit/account-loader';
import { exportRecords } from '../audit/export-records';
import { readStreamPages, requireAccount } from '../audit/stream-reader';
import { csvExport, jsonExport } from '../format/export-writers';
import { action } from '../support/action';
import { ExitCode, usageError } from '../support/exit-codes';
import { exportEvidence } from '../audit-log/export-evidence';
import { fileOutput, stdoutOutput, type Output } from '../support/output';
import { startProgress } from '../support/progress';
import { withStore, type StoreSession } from '../support/with-store';

interface ExportOptions {
  readonly format?: 'json' | 'csv';
  readonly evidence?: boolean;
  readonly checkpoint?: string;
  readonly out?: string;
  readonly force?: boolean;
}

/** `export <accountId>`: evidence — every event with actors, amounts, reasons, hashes. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description("an account's full history as evidence (JSON with state and verification, or CSV)")
    .argument('<accountId>', 'the account')
    .addOption(new Option('--format <format>', 'json or csv').choices(['json', 'csv']))
    .option(
      '--evidence',
      'instead: an evidence bundle (events, their inclusion proof, signed checkpoint) for verify-evidence',
    )
    .option(
      '--checkpoint <file>',
      'with --evidence: prove against this saved checkpoint (default: the latest)',
    )
    .option('--out <file>', 'write to this file (created 0600) instead of stdout')
    .option('--force', 'replace --out if it exists')
    .action(
      action<ExportOptions, [string]>((globals, options, accountId) =>
        withStore(globals, {}, async ({ store, keys, signal }) => {
          if (options.evidence) return exportEvidence(store, accountId, options);
          if (!options.format) throw usageError('--format json|csv is required (or --evidence)');
          const head = await requireAccount(store, accountId);
          const out = options.out
            ? await fileOutput(options.out, options.force === true)
            : stdoutOutput();
          let verification: VerificationResult;
          try {
            verification = await writeExport(
              { store, keys, signal },
              accountId,
              head,
              options,
              out,
            );
          } catch (error) {
            // Half an export is no evidence: never leave one behind (stopped, or failed).
            await out.close().catch(() => undefined);
            if (options.out) rmSync(options.out, { force: true });
            throw error;
          }
          await out.close();
          const bad = verification.firstBad;
          const summary = bad
            ? `hash chain BROKEN at version ${bad.version} (event ${bad.eventId}: ${bad.reason}); events exported as stored`
            : 'hash chain intact';
          // Stdout carries the export itself unless it went to a file.
          const where = options.out ? ` to ${options.out}` : '';
          (options.out ? console.log : console.error)(
            `exported ${head} events of ${accountId}${where}; ${summary}`,
          );
          return bad ? ExitCode.CheckFailed : ExitCode.Ok;
        }),
      ),
    );
}

/**
 * Writes the events up to `head`, then the verification of exactly those events and the
 * state replayed at `head`. Reads the stream twice (export, then verifyStream) so the
 * chain check is the engine's own and the export never holds the stream in memory.
 */
async function writeExport(
  { store, keys, signal }: StoreSession,
  accountId: string,
  head: number,
  options: ExportOptions,
  out: Output,
): Promise<VerificationResult> {
  const reader = accountReader(store, keys);
  const { state } = await loadAccount(reader, accountId, head);
  const writer = options.format === 'csv' ? csvExport : jsonExport;
  const toRecord = exportRecords(reader.vault, accountId);
  const streamId = accountStreamId(accountId);
  const progress = startProgress({ label: 'export', total: head });
  try {
    await out.write(
      writer.begin({ accountId, version: head, exportedAt: new Date().toISOString() }),
    );
    let index = 0;
    const onPage = (read: number): void => progress.update(read);
    for await (const event of readStreamPages(store, streamId, {
      upToVersion: head,
      signal,
      onPage,
    })) {
      await out.write(writer.event(await toRecord(event), index++));
    }
    const events = readStreamPages(store, streamId, { upToVersion: head, signal });
    const verification = await verifyStream(streamId, events);
    await out.write(writer.end({ verification, state }));
    return verification;
  } finally {
    progress.stop();
  }
}
