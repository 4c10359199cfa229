import { Controller, Inject } from '@nestjs/common';
import { ID_PATTERN, type AccountState } from '@account-ops/accounts';
import { ACCOUNT_OPS, type AccountOps } from '@account-ops/engine';
import { itemAccounts, RecordsAccess } from '../access-log/records-access';
import { ValidBody } from '../http/validation';
import { Endpoint } from '../routes/endpoint.decorator';
import { SearchAccountsDto } from './search.dto';
import { SearchResultSchema, type SearchItemSchema } from './search.schemas';

const DEFAULT_LIMIT = 20;

function item(accountId: string, state: AccountState): SearchItemSchema {
  return {
    accountId,
    ownerName: state.owner?.name ?? null,
    status: state.status,
    frozen: state.frozen,
    currency: state.currency ?? '',
    balance: { ...state.balance },
  };
}

/**
 * `POST /search`: finds accounts by id, owner name, e-mail, card last4, refund id, top-up
 * id or payment reference. The query comes in the body (never in a URL, so never in an
 * access log or the browser history), is looked up as keyed blind-index tokens, and the
 * owner names of the accounts found are opened with each account's data key.
 */
@Controller()
export class SearchController {
  constructor(@Inject(ACCOUNT_OPS) private readonly ops: AccountOps) {}

  @Endpoint('searchAccounts', SearchResultSchema)
  // The results show owner names: each account listed is a read of its personal data (the
  // read-access log records who, which account, when — never the query text).
  @RecordsAccess(itemAccounts)
  async search(@ValidBody(SearchAccountsDto) body: SearchAccountsDto): Promise<SearchResultSchema> {
    const limit = body.limit ?? DEFAULT_LIMIT;
    const hits = await this.ops.search(body.query, limit);
    // The account id itself: not in the index (it is not secret), looked up directly.
    const ids = ID_PATTERN.test(body.query) ? [body.query, ...hits.accountIds] : hits.accountIds;
    const candidates = [...new Set(ids)];
    // Loaded together: a pooled store (PostgreSQL) reads them in parallel.
    const loaded = await Promise.all(candidates.map((id) => this.ops.load(id)));
    const items: SearchItemSchema[] = [];
    let more = hits.truncated;
    for (const [i, accountId] of candidates.entries()) {
      const { state } = loaded[i]!;
      // Unopened: no such account. Closed: only an exact id finds it (no name left to show).
      if (state.status === 'unopened') continue;
      if (state.status === 'closed' && accountId !== body.query) continue;
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push(item(accountId, state));
    }
    return { items, truncated: more };
  }
}
