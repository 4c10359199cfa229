import { createHash } from 'node:crypto';
import type { EventType } from '@account-ops/accounts';
import { REL_ACTORS } from '../harness/actors';
import type { Response } from '../harness/http';
import type { Step } from './steps';

/** A command the API answered with success: it must survive every crash from now on. */
export interface Acknowledged {
  readonly step: Step;
  readonly actorId: string;
  readonly key: string;
  readonly accountId: string;
  /** The account's version after the command, as the response said. */
  readonly version: number;
  readonly eventType: EventType;
  /** SHA-256 of the response body: a replay must answer the same bytes. */
  readonly bodyHash: string;
  /** The body itself, to tell a replay's crypto-shredded text from any other change. */
  readonly body: string;
  /** It got no answer at first (the API was killed) and was sent again with the same key. */
  readonly retriedAfterCrash: boolean;
  readonly replayed: boolean;
}

/** A command the API refused (a deadline got there first): it must have written nothing. */
export interface Refused {
  readonly actorId: string;
  readonly key: string;
  readonly accountId: string;
}

export const hashBody = (text: string): string => createHash('sha256').update(text).digest('hex');

function versionOf(text: string): number {
  const body = JSON.parse(text) as { version?: number; accountVersion?: number };
  const version = body.accountVersion ?? body.version;
  if (!Number.isInteger(version)) throw new Error(`no account version in ${text.slice(0, 200)}`);
  return version!;
}

/** What the clients were told, for the checks after each crash. */
export class CommandLedger {
  readonly acknowledged: Acknowledged[] = [];
  readonly refused: Refused[] = [];
  readonly counts = { noAnswer: 0, retriedReplayed: 0, retriedRanNow: 0, preempted: 0 };
  private checkedAcknowledged = 0;
  private checkedRefused = 0;

  acknowledge(step: Step, accountId: string, response: Response, retriedAfterCrash: boolean): void {
    if (retriedAfterCrash) {
      if (response.replayed) this.counts.retriedReplayed++;
      else this.counts.retriedRanNow++;
    }
    this.acknowledged.push({
      step,
      actorId: REL_ACTORS[step.request.actor].id,
      key: step.request.idempotencyKey,
      accountId,
      version: versionOf(response.text),
      eventType: step.eventType,
      bodyHash: hashBody(response.text),
      body: response.text,
      retriedAfterCrash,
      replayed: response.replayed,
    });
  }

  refuse(step: Step, accountId: string): void {
    this.counts.preempted++;
    this.refused.push({
      actorId: REL_ACTORS[step.request.actor].id,
      key: step.request.idempotencyKey,
      accountId,
    });
  }

  /** Entries not handed out before: each check verifies the new ones against the events. */
  takeUnchecked(): { acknowledged: Acknowledged[]; refused: Refused[] } {
    const acknowledged = this.acknowledged.slice(this.checkedAcknowledged);
    const refused = this.refused.slice(this.checkedRefused);
    this.checkedAcknowledged = this.acknowledged.length;
    this.checkedRefused = this.refused.length;
    return { acknowledged, refused };
  }
}
