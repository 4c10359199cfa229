import { lazy, Suspense, useState } from 'react';
import type { Account } from '../api/types';
import { Loading } from '../components/states';

// The panel, its definitions and Mermaid (≈ 700 KB) are a separate chunk, fetched only
// when someone opens the section: most visits to an account never do.
const StatechartsPanel = lazy(() =>
  import('./statecharts-panel').then((m) => ({ default: m.StatechartsPanel })),
);

/** The statecharts, closed until asked for; opening it loads and draws them. */
export function StatechartsSection({ account }: { account: Account }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="card statecharts"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid="statecharts"
    >
      <summary>
        <h2 id="statecharts-title">Statecharts</h2>
      </summary>
      {open && (
        <Suspense fallback={<Loading what="the statecharts" />}>
          <StatechartsPanel account={account} />
        </Suspense>
      )}
    </details>
  );
}
