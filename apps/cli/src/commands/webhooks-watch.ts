import { setTimeout as pause } from 'node:timers/promises';
import { KeyUnavailable, MasterKeyConfigError, type WebhookRunReport } from '@account-ops/engine';

/** What the watch loop needs of the dispatcher: one delivery pass. */
export interface DeliveryPass {
  runDue(): Promise<WebhookRunReport>;
}

export interface WatchOptions {
  /** Pause between the end of one pass and the start of the next. */
  readonly intervalMs: number;
  /** Stops the loop; the pass in progress is finished first. */
  readonly signal: AbortSignal;
  /** One line per pass that did something (counts only: never a URL, secret or body). */
  readonly log: (line: string) => void;
  /** One line per failed pass (the worker carries on, as the API's dispatcher does). */
  readonly warn: (line: string) => void;
  readonly now?: () => Date;
}

/** What a watch run did, summed over its passes. */
export interface WatchTotals {
  readonly passes: number;
  readonly queued: number;
  readonly delivered: number;
  readonly retrying: number;
  readonly dead: number;
  readonly failedPasses: number;
}

export const describePass = (r: WebhookRunReport): string =>
  `queued ${r.queued}, delivered ${r.delivered}, retrying ${r.retrying}, dead ${r.dead}`;

/**
 * A delivery worker's loop: a pass at once, then the next one at once while passes queue or
 * deliver something (a backlog drains at the receiver's pace, not one pass a second), else
 * one `intervalMs` after the pass ends; until `signal` fires. The signal never cuts a pass short (its claimed deliveries are
 * sent and acknowledged), it only cancels the pause. A failed pass (the database away
 * for a moment) is reported and the next one tried; a key that cannot unwrap the
 * signing secrets is a configuration error, so it ends the run (exit 6).
 */
export async function watchDeliveries(
  dispatcher: DeliveryPass,
  options: WatchOptions,
): Promise<WatchTotals> {
  const now = options.now ?? (() => new Date());
  const totals = { passes: 0, queued: 0, delivered: 0, retrying: 0, dead: 0, failedPasses: 0 };
  while (!options.signal.aborted) {
    totals.passes++;
    let busy = false;
    try {
      const report = await dispatcher.runDue();
      totals.queued += report.queued;
      totals.delivered += report.delivered;
      totals.retrying += report.retrying;
      totals.dead += report.dead;
      busy = report.queued + report.delivered > 0;
      if (report.queued + report.delivered + report.retrying + report.dead > 0) {
        options.log(`${now().toISOString()} webhooks: ${describePass(report)}`);
      }
    } catch (error) {
      if (error instanceof KeyUnavailable || error instanceof MasterKeyConfigError) throw error;
      totals.failedPasses++;
      const reason = error instanceof Error ? error.message : String(error);
      options.warn(`${now().toISOString()} webhooks: pass failed: ${reason}`);
    }
    if (busy) continue;
    await pause(options.intervalMs, undefined, { signal: options.signal }).catch(() => undefined);
  }
  return totals;
}
