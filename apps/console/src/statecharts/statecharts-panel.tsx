import { useState } from 'react';
import definitions from 'virtual:statecharts';
import type { Account } from '../api/types';
import { FREEZE_REASONS, words } from '../format/labels';
import { currentStateIds, highlightedDefinition } from './highlight';
import { MermaidChart } from './mermaid-chart';

/**
 * The account's three machines as statecharts — generated at build time from the XState
 * definitions, the same text as docs/domain.md — with the states it is in highlighted.
 */
export function StatechartsPanel({ account }: { account: Account }) {
  const latest = [...account.refunds].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0];
  const [refundId, setRefundId] = useState(latest?.refundId ?? '');
  const refund = account.refunds.find((r) => r.refundId === refundId) ?? latest;
  const ids = currentStateIds({
    status: account.status,
    freezeReasons: account.freezeReasons,
    ...(refund ? { refundStatus: refund.status } : {}),
  });
  const active = account.freezeReasons.map((r) => FREEZE_REASONS[r] ?? r).join(', ');
  return (
    <div>
      <p className="help">Highlighted: the state the account is in now.</p>
      <div className="chart-grid">
        <figure>
          <figcaption>
            Lifecycle — now <strong data-testid="current-lifecycle">{words(account.status)}</strong>
          </figcaption>
          <MermaidChart
            label="lifecycle"
            definition={highlightedDefinition(
              definitions.lifecycle,
              ids.lifecycle,
              'Account lifecycle',
            )}
          />
        </figure>
        <figure>
          <figcaption>
            Refund approval —{' '}
            {refund ? (
              <>
                <label htmlFor="chart-refund">refund</label>{' '}
                <select
                  id="chart-refund"
                  value={refund.refundId}
                  onChange={(e) => setRefundId(e.target.value)}
                >
                  {account.refunds.map((r) => (
                    <option key={r.refundId} value={r.refundId}>
                      {r.refundId}
                    </option>
                  ))}
                </select>{' '}
                now <strong data-testid="current-refund">{words(refund.status)}</strong>
              </>
            ) : (
              'no refund yet'
            )}
          </figcaption>
          <MermaidChart
            label="refund"
            definition={highlightedDefinition(definitions.refund, ids.refund, 'Refund approval')}
          />
        </figure>
        <figure className="wide">
          <figcaption>
            Freeze — one region per reason; now{' '}
            <strong data-testid="current-freeze">
              {active ? `frozen (${active})` : 'not frozen'}
            </strong>
          </figcaption>
          <MermaidChart
            label="freeze"
            definition={highlightedDefinition(definitions.freeze, ids.freeze, 'Freeze reasons')}
          />
        </figure>
      </div>
    </div>
  );
}
