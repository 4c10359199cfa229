import { Link, useParams } from 'react-router';
import type { Account } from '../../api/types';
import { PageTitle } from '../../components/page-title';
import { ProblemBanner } from '../../components/problem-banner';
import { Loading } from '../../components/states';
import { useNow } from '../../hooks/use-now';
import { useResource } from '../../hooks/use-resource';
import { can, useSignedIn } from '../../session/session';
import { StatechartsSection } from '../../statecharts/statecharts-section';
import { AccountActions } from './account-actions';
import { AccountFacts } from './account-facts';
import { ExportPanel } from './export-panel';
import { RefundsTable, TopUpsTable } from './entity-tables';
import { FreezesPanel } from './freezes-panel';
import { LifecyclePanel } from './lifecycle-panel';
import { BankCardForm } from './bank-card-form';
import { RefundRequestForm } from './refund-request-form';
import { TopUpForm } from './top-up-form';
import { TimelinePanel } from './timeline-panel';

/** Everything about one account; `/console/accounts/:id` can be bookmarked. */
export function AccountScreen() {
  const { accountId = '' } = useParams();
  const { session, client } = useSignedIn();
  const now = useNow(1000);
  const account = useResource(['account', accountId], () =>
    client.get<Account>(`/accounts/${encodeURIComponent(accountId)}`),
  );
  const a = account.data;
  const historyReader = can(session, 'listEvents') && can(session, 'stateAt');
  return (
    <>
      <p className="breadcrumb">
        <Link to="/accounts">Accounts</Link> /
      </p>
      <PageTitle title={`Account ${accountId}`}>Account {accountId}</PageTitle>
      {account.error && <ProblemBanner failure={account.error} onRetry={account.reload} />}
      {account.loading && !a && <Loading what="the account" />}
      {a && (
        <>
          <AccountFacts account={a} />
          <FreezesPanel account={a} />
          <LifecyclePanel account={a} now={now} />
          <AccountActions account={a} onChanged={account.reload} />
          <RefundRequestForm account={a} onRequested={account.reload} />
          <TopUpForm account={a} onDone={account.reload} />
          <BankCardForm account={a} onDone={account.reload} />
          <section className="card" aria-labelledby="refunds-title">
            <h2 id="refunds-title">Refunds and top-ups</h2>
            <RefundsTable account={a} />
            <TopUpsTable account={a} />
          </section>
          {historyReader ? (
            <TimelinePanel key={a.version} account={a} />
          ) : (
            <p className="muted">
              The timeline and time travel are for auditors, admins and compliance.
            </p>
          )}
          <ExportPanel account={a} />
          <StatechartsSection account={a} />
        </>
      )}
    </>
  );
}
