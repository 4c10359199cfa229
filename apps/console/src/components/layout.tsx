import { NavLink, Outlet, useLocation } from 'react-router';
import { can, useSignedIn, useSession } from '../session/session';
import { ShortcutsHelp } from '../keyboard/shortcuts-help';
import { BusyBanner } from './busy-banner';
import { HeaderSearch } from './header-search';

const SECTIONS = [
  { to: '/queue', label: 'Approval queue', route: 'opsRefunds' },
  { to: '/today', label: 'Today', route: 'opsRefunds' },
  { to: '/accounts', label: 'Accounts', route: 'getAccount' },
  { to: '/ops/frozen', label: 'Ops lists', route: 'opsFrozenAccounts' },
  { to: '/health', label: 'Health', route: 'opsProjections' },
  { to: '/webhooks', label: 'Webhooks', route: 'listWebhooks' },
] as const;

/** Header (who is signed in, with which roles), navigation, banners and the screen. */
export function Layout() {
  const { session } = useSignedIn();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the content
      </a>
      <header className="app-header">
        <p className="app-name">Account Ops console</p>
        <nav aria-label="Sections">
          <ul>
            {SECTIONS.filter((s) => can(session, s.route)).map((section) => (
              <li key={section.to}>
                <NavLink to={section.to}>{section.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <HeaderSearch key={pathname} />
        <div className="who" aria-label="Signed in">
          <span className="who-actor">{session.actorId}</span>
          <span className="who-roles">
            {session.roles.map((role) => (
              <span key={role} className="role">
                {role}
              </span>
            ))}
          </span>
          <button type="button" onClick={() => signOut('You signed out.')}>
            Sign out
          </button>
        </div>
      </header>
      <BusyBanner />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <ShortcutsHelp />
    </>
  );
}
