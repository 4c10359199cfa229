import { NavLink, useParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { can, useSignedIn } from '../../session/session';
import { AccountsList } from './accounts-list';
import { FrozenList } from './frozen-list';
import { RetentionList } from './retention-list';
import { TopUpsList } from './top-ups-list';

const LISTS = {
  frozen: { label: 'Frozen accounts', route: 'opsFrozenAccounts', Screen: FrozenList },
  retention: { label: 'Retention and closure', route: 'opsRetention', Screen: RetentionList },
  'top-ups': { label: 'Pending top-ups', route: 'opsStaleTopUps', Screen: TopUpsList },
  accounts: { label: 'Accounts by status', route: 'opsAccounts', Screen: AccountsList },
} as const;

type ListName = keyof typeof LISTS;

/** The ops read model's lists, one tab each, each with its own link. */
export function OpsScreen() {
  const { session } = useSignedIn();
  const { list = 'frozen' } = useParams();
  const name: ListName = list in LISTS ? (list as ListName) : 'frozen';
  const { label, Screen } = LISTS[name];
  return (
    <>
      <PageTitle title={label}>Ops lists</PageTitle>
      <nav aria-label="Ops lists" className="tabs">
        <ul>
          {(Object.keys(LISTS) as ListName[])
            .filter((n) => can(session, LISTS[n].route))
            .map((n) => (
              <li key={n}>
                <NavLink to={`/ops/${n}`}>{LISTS[n].label}</NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <h2>{label}</h2>
      <Screen />
    </>
  );
}
