import { Inject, Injectable } from '@nestjs/common';
import { AccountNotFound, type Actor } from '@account-ops/accounts';
import { ACCOUNT_OPS, accountStreamId, type AccountOps, type Clock } from '@account-ops/engine';
import {
  eventJson,
  verifyStream,
  type EventJson,
  type EventStore,
  type VerificationResult,
} from '@account-ops/event-store';
import { API_CLOCK, EVENT_STORE } from '../app/tokens';
import { CommandSender } from '../commands/command-sender';
import { ApiError } from '../http/problem';
import { accountDetailsView, type AccountDetailsView } from '../views/account.view';
import { readAll, readPage } from './stream-reader';

export interface EventPage {
  readonly items: readonly EventJson[];
  readonly nextFromVersion: number | null;
}

export type Verification = VerificationResult & { readonly accountId: string };

export interface AccountExport {
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly account: AccountDetailsView;
  readonly events: readonly EventJson[];
  readonly verification: Verification;
}

/** The auditor's reads: current state, stored events, time travel, verification, export. */
@Injectable()
export class AccountHistory {
  constructor(
    @Inject(ACCOUNT_OPS) private readonly ops: AccountOps,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CommandSender) private readonly commands: CommandSender,
    @Inject(API_CLOCK) private readonly clock: Clock,
  ) {}

  async current(accountId: string): Promise<AccountDetailsView> {
    const { state, version } = await this.ops.load(accountId);
    if (version === 0) throw new AccountNotFound(accountId);
    return accountDetailsView(accountId, state, version);
  }

  async events(accountId: string, fromVersion: number, limit: number): Promise<EventPage> {
    const page = await readPage(this.store, accountId, fromVersion, limit + 1);
    if (page === undefined) throw new AccountNotFound(accountId);
    // One event more than asked tells whether another page exists, without a second read.
    const items = page.slice(0, limit).map(eventJson);
    return { items, nextFromVersion: page.length > limit ? page[limit]!.version : null };
  }

  /** The state right after `atVersion`, or after the last event at or before `asOf`. */
  async stateAt(
    accountId: string,
    at: { atVersion?: number; asOf?: string },
  ): Promise<AccountDetailsView> {
    if (at.atVersion !== undefined && at.asOf !== undefined) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'The request is invalid.', {
        errors: [{ field: 'asOf', reason: 'cannot be combined with atVersion' }],
      });
    }
    const version =
      at.asOf !== undefined ? await this.versionAsOf(accountId, at.asOf) : at.atVersion;
    const loaded = await this.ops.load(accountId, version);
    if (loaded.version === 0) throw new AccountNotFound(accountId);
    if (version !== undefined && loaded.version !== version) {
      throw new ApiError(404, 'VERSION_NOT_FOUND', `The account has no version ${version}.`, {
        details: { accountId, latestVersion: loaded.version },
      });
    }
    return accountDetailsView(accountId, loaded.state, loaded.version);
  }

  async verify(accountId: string): Promise<Verification> {
    const result = await verifyStream(accountStreamId(accountId), readAll(this.store, accountId));
    if (result.checked === 0) throw new AccountNotFound(accountId);
    return { accountId, ...result };
  }

  /** SPEC §6 export: the domain authorises it (admin, auditor) and checks the account exists. */
  async export(accountId: string, actor: Actor): Promise<AccountExport> {
    const { state, version } = await this.commands.read('ExportAccountData', accountId, {}, actor);
    const events = [];
    for await (const event of readAll(this.store, accountId, version)) events.push(event);
    const verification = await verifyStream(accountStreamId(accountId), events);
    return {
      exportedAt: this.clock.now().toISOString(),
      exportedBy: actor.id,
      account: accountDetailsView(accountId, state, version),
      events: events.map(eventJson),
      verification: { accountId, ...verification },
    };
  }

  // States are prefixes of the stream: stop at the first event after the instant.
  private async versionAsOf(accountId: string, asOf: string): Promise<number> {
    const limit = Date.parse(asOf);
    let version = 0;
    for await (const event of readAll(this.store, accountId)) {
      if (Date.parse(event.metadata.occurredAt) > limit) break;
      version = event.version;
    }
    if (version === 0) throw new AccountNotFound(accountId);
    return version;
  }
}
