import { Controller, Inject } from '@nestjs/common';
import { AccountNotFound, type RefundStatus } from '@account-ops/accounts';
import { ACCOUNT_OPS, type AccountOps, type Clock } from '@account-ops/engine';
import { formatPosition, parsePosition } from '@account-ops/event-store';
import {
  accountsInRetention,
  frozenAccounts,
  getBalance,
  listAccounts,
  listAudit,
  listRefunds,
  openAuditText,
  openOpsText,
  refundsAwaitingApproval,
  stalePendingTopUps,
  type ReadModels,
} from '@account-ops/projections';
import { itemAccounts, RecordsAccess } from '../access-log/records-access';
import { API_CLOCK } from '../app/tokens';
import { IdParam } from '../http/path-params';
import { ValidQuery } from '../http/validation';
import { Endpoint } from '../routes/endpoint.decorator';
import {
  AuditQueryDto,
  OpsAccountsQueryDto,
  OpsRefundsQueryDto,
  OpsTopUpsQueryDto,
} from './read-model.dto';
import { QueueOwnerNames, withOwnerNames } from './owner-names';
import { READ_MODELS } from './read-models.provider';
import { AuditPageSchema, BalanceReadModelSchema, ItemsSchema } from './read-model.schemas';

/**
 * Endpoints answered from the read models (balance, audit, ops) and their health. Free
 * text is stored there sealed with the account's data key; the engine opens it here, so a
 * closed account's reads `[erased]` (docs/privacy.md).
 */
@Controller()
export class ReadModelsController {
  private readonly queueOwners = new QueueOwnerNames();

  constructor(
    @Inject(READ_MODELS) private readonly models: ReadModels,
    @Inject(API_CLOCK) private readonly clock: Clock,
    @Inject(ACCOUNT_OPS) private readonly ops: AccountOps,
  ) {}

  @Endpoint('getBalance', BalanceReadModelSchema)
  async balance(@IdParam('id') id: string) {
    const row = await getBalance(this.models.reader, id);
    if (!row) throw new AccountNotFound(id);
    const { accountId, currency, available, held, pendingIn, lastVersion, updatedAt } = row;
    return { accountId, currency, available, held, pendingIn, version: lastVersion, updatedAt };
  }

  @Endpoint('listAudit', AuditPageSchema)
  @RecordsAccess(itemAccounts, { polled: true })
  async audit(@ValidQuery(AuditQueryDto) query: AuditQueryDto) {
    const page = await listAudit(this.models.reader, {
      accountId: query.accountId,
      actorId: query.actor,
      type: query.type,
      from: query.from && new Date(query.from).toISOString(),
      to: query.to && new Date(query.to).toISOString(),
      after: query.after === undefined ? undefined : parsePosition(query.after),
      limit: query.limit,
    });
    const opener = this.ops.textOpener();
    const items = await Promise.all(page.items.map((entry) => openAuditText(entry, opener)));
    return {
      items: items.map((entry) => ({ ...entry, position: formatPosition(entry.position) })),
      nextAfter: page.nextAfter && formatPosition(page.nextAfter),
    };
  }

  @Endpoint('opsRefunds', ItemsSchema)
  @RecordsAccess(itemAccounts, { polled: true })
  async refunds(@ValidQuery(OpsRefundsQueryDto) query: OpsRefundsQueryDto) {
    // Free text opened with each account's key; owner names added (blank once closed).
    const opener = this.ops.textOpener();
    const open = (rows: Awaited<ReturnType<typeof listRefunds>>) =>
      Promise.all(rows.map((r) => openOpsText.refund(r, opener)));
    if (query.status) {
      const items = await listRefunds(this.models.reader, {
        status: query.status as RefundStatus,
      });
      return { items: (await withOwnerNames(this.ops, await open(items))).rows };
    }
    const items = await refundsAwaitingApproval(this.models.reader, this.clock.now());
    return { items: await this.queueOwners.add(this.ops, await open(items)) };
  }

  @Endpoint('opsAccounts', ItemsSchema)
  @RecordsAccess(itemAccounts, { polled: true })
  async accounts(@ValidQuery(OpsAccountsQueryDto) query: OpsAccountsQueryDto) {
    const filter = { status: query.status, freezeReason: query.freezeReason };
    const items = await listAccounts(
      this.models.reader,
      filter as Parameters<typeof listAccounts>[1],
    );
    const opener = this.ops.textOpener();
    return { items: await Promise.all(items.map((a) => openOpsText.account(a, opener))) };
  }

  @Endpoint('opsFrozenAccounts', ItemsSchema)
  @RecordsAccess(itemAccounts, { polled: true })
  async frozen() {
    const items = await frozenAccounts(this.models.reader);
    const opener = this.ops.textOpener();
    return { items: await Promise.all(items.map((a) => openOpsText.frozen(a, opener))) };
  }

  @Endpoint('opsRetention', ItemsSchema)
  @RecordsAccess(itemAccounts, { polled: true })
  async retention() {
    const items = await accountsInRetention(this.models.reader);
    const opener = this.ops.textOpener();
    return { items: await Promise.all(items.map((a) => openOpsText.account(a, opener))) };
  }

  @Endpoint('opsStaleTopUps', ItemsSchema)
  async staleTopUps(@ValidQuery(OpsTopUpsQueryDto) query: OpsTopUpsQueryDto) {
    const filter = { now: this.clock.now(), olderThanSeconds: query.olderThanSeconds };
    const items = await stalePendingTopUps(this.models.reader, filter);
    const opener = this.ops.textOpener();
    return { items: await Promise.all(items.map((t) => openOpsText.topUp(t, opener))) };
  }

  @Endpoint('opsProjections', ItemsSchema)
  async projections() {
    return { items: await this.models.status() };
  }
}
