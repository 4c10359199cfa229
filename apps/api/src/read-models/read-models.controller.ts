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
  refundsAwaitingApproval,
  stalePendingTopUps,
  type ReadModels,
} from '@account-ops/projections';
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

/** Endpoints answered from the read models (balance, audit, ops) and their health. */
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
    return {
      items: page.items.map((entry) => ({ ...entry, position: formatPosition(entry.position) })),
      nextAfter: page.nextAfter && formatPosition(page.nextAfter),
    };
  }

  @Endpoint('opsRefunds', ItemsSchema)
  async refunds(@ValidQuery(OpsRefundsQueryDto) query: OpsRefundsQueryDto) {
    // TODO(issue-24a, read-access log): this reveals owner names — record the actor, route
    // `opsRefunds` and the account ids listed (never the names).
    if (query.status) {
      const items = await listRefunds(this.models.reader, {
        status: query.status as RefundStatus,
      });
      return { items: (await withOwnerNames(this.ops, items)).rows };
    }
    const items = await refundsAwaitingApproval(this.models.reader, this.clock.now());
    return { items: await this.queueOwners.add(this.ops, items) };
  }

  @Endpoint('opsAccounts', ItemsSchema)
  async accounts(@ValidQuery(OpsAccountsQueryDto) query: OpsAccountsQueryDto) {
    const filter = { status: query.status, freezeReason: query.freezeReason };
    return {
      items: await listAccounts(this.models.reader, filter as Parameters<typeof listAccounts>[1]),
    };
  }

  @Endpoint('opsFrozenAccounts', ItemsSchema)
  async frozen() {
    return { items: await frozenAccounts(this.models.reader) };
  }

  @Endpoint('opsRetention', ItemsSchema)
  async retention() {
    return { items: await accountsInRetention(this.models.reader) };
  }

  @Endpoint('opsStaleTopUps', ItemsSchema)
  async staleTopUps(@ValidQuery(OpsTopUpsQueryDto) query: OpsTopUpsQueryDto) {
    const filter = { now: this.clock.now(), olderThanSeconds: query.olderThanSeconds };
    return { items: await stalePendingTopUps(this.models.reader, filter) };
  }

  @Endpoint('opsProjections', ItemsSchema)
  async projections() {
    return { items: await this.models.status() };
  }
}
