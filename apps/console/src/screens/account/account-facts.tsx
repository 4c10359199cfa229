import type { Account } from '../../api/types';
import { Money } from '../../components/money';
import { Instant } from '../../components/time';
import { ACCOUNT_STATUSES, FREEZE_REASONS, words } from '../../format/labels';

/** Status, balance (available / held / pending in) and card (last4 and brand only). */
export function AccountFacts({ account }: { account: Account }) {
  const { balance, currency, bankCard } = account;
  return (
    <div className="facts">
      <section className="card" aria-labelledby="facts-status">
        <h2 id="facts-status">Status</h2>
        <p className="big">
          {ACCOUNT_STATUSES[account.status] ?? words(account.status)}
          {account.frozen && <span className="badge badge-frozen">Frozen</span>}
        </p>
        {account.frozen && (
          <p>Frozen for: {account.freezeReasons.map((r) => FREEZE_REASONS[r] ?? r).join(', ')}</p>
        )}
        {account.owner !== undefined && (
          <p data-testid="owner">
            {account.owner
              ? `${account.owner.name} · ${account.owner.email}`
              : 'Owner data erased at closure'}
          </p>
        )}
        <p className="muted">
          Opened <Instant iso={account.openedAt} /> · version {account.version}
        </p>
      </section>
      <section className="card" aria-labelledby="facts-balance">
        <h2 id="facts-balance">Balance</h2>
        <dl className="balance">
          <div>
            <dt>Available</dt>
            <dd data-testid="balance-available">
              <Money minor={balance.available} currency={currency} />
            </dd>
          </div>
          <div>
            <dt>Held</dt>
            <dd data-testid="balance-held">
              <Money minor={balance.held} currency={currency} />
            </dd>
          </div>
          <div>
            <dt>Pending in</dt>
            <dd data-testid="balance-pending">
              <Money minor={balance.pendingIn} currency={currency} />
            </dd>
          </div>
        </dl>
        {account.topUpLimits && (
          <p className="muted" data-testid="top-up-limits">
            Top-up limits: single{' '}
            <Limit minor={account.topUpLimits.singleMax} currency={currency} /> · daily{' '}
            <Limit minor={account.topUpLimits.dailyMax} currency={currency} />
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="facts-card">
        <h2 id="facts-card">Bank card</h2>
        {bankCard ? (
          <>
            <p className="big">
              {bankCard.brand.toUpperCase()} •••• {bankCard.last4}
            </p>
            <p className="muted">
              {bankCard.bankName} · changed <Instant iso={bankCard.changedAt} />
            </p>
          </>
        ) : (
          <p>No card on file: refunds cannot be paid out.</p>
        )}
      </section>
    </div>
  );
}

/** An account's own limit, or the words for the configured default (read-only). */
function Limit({ minor, currency }: { minor: number | null; currency: string }) {
  return minor === null ? <>default</> : <Money minor={minor} currency={currency} />;
}
