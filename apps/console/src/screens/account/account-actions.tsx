import { useState, type FormEvent, type ReactNode } from 'react';
import type { Account } from '../../api/types';
import { ProblemBanner } from '../../components/problem-banner';
import { FREEZE_REASONS } from '../../format/labels';
import { useWrite, type WriteRequest } from '../../hooks/use-write';
import { can, useSignedIn } from '../../session/session';

/** Who may freeze or lift a reason, as the server's freezeRoles says (SPEC §5). */
export const FREEZE_ROLE: Readonly<Record<string, string>> = {
  manual: 'admin',
  compliance: 'compliance',
};

/**
 * One write the page offers: a button (and its fields) that sends one request under one
 * Idempotency-Key, reused by Try again; a new key only after success.
 */
function ActionForm({
  id,
  route,
  label,
  danger,
  request,
  onDone,
  children,
  disabled,
}: {
  id: string;
  route: string;
  label: string;
  danger?: boolean;
  request(): WriteRequest | null;
  onDone(): void;
  children?: ReactNode;
  disabled?: boolean;
}) {
  const write = useWrite<unknown>(route);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = request();
    if (next && (await write.send(next))) onDone();
  };
  return (
    <form className="action-form" onSubmit={submit} aria-label={label} data-testid={`action-${id}`}>
      {children}
      <button
        type="submit"
        className={danger ? 'danger' : 'primary'}
        disabled={disabled || write.state.phase === 'sending'}
      >
        {label}
      </button>
      {write.state.phase === 'done' && (
        <p className="banner banner-ok" role="status">
          Done.
        </p>
      )}
      {write.state.phase === 'failed' && (
        <ProblemBanner
          failure={write.state.failure}
          onRetry={
            write.state.failure.isRetryable
              ? () => void write.retry().then((r) => r && onDone())
              : undefined
          }
        />
      )}
    </form>
  );
}

/** What the server's cancellationBlockers would name, listed before anyone tries. */
function Blockers({ blockers }: { blockers: readonly string[] }) {
  return (
    <div className="warning" data-testid="cancellation-blockers">
      <p>Not yet: settle these first —</p>
      <ul>
        {blockers.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
    </div>
  );
}

function NoteField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        required
        maxLength={1000}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

/**
 * The ways out (and in) the page names, for the roles the server lets do them: freeze
 * (manual: admin; compliance: compliance), lift each of those reasons, request or
 * withdraw a cancellation, confirm it, reactivate during retention. The others (failed
 * logins, overdue payment, maintenance) are lifted by the systems named on the page.
 */
export function AccountActions({ account, onChanged }: { account: Account; onChanged(): void }) {
  const { session } = useSignedIn();
  const base = `/accounts/${encodeURIComponent(account.accountId)}`;
  const mayFreezeFor = Object.keys(FREEZE_ROLE).filter(
    (reason) => can(session, 'freeze') && session.roles.includes(FREEZE_ROLE[reason]!),
  );
  const liftable = account.freezes.filter(
    (f) =>
      can(session, 'unfreeze') &&
      FREEZE_ROLE[f.reason] &&
      session.roles.includes(FREEZE_ROLE[f.reason]!),
  );
  const [freezeReason, setFreezeReason] = useState(mayFreezeFor[0] ?? '');
  const [freezeNote, setFreezeNote] = useState('');
  const [liftNotes, setLiftNotes] = useState<Record<string, string>>({});
  const [cancelReason, setCancelReason] = useState('');
  const active = account.status === 'active';
  const requested = account.status === 'cancellation_requested';
  const cancelled = account.status === 'cancelled';
  const open = (r: { status: string }) =>
    ['requested', 'partially_approved', 'approved', 'payout_pending', 'payout_failed'].includes(
      r.status,
    );
  // The server's cancellationBlockers, read off the same account: shown before confirming.
  const blockers = [
    ...(account.frozen
      ? [
          `the account is frozen (${account.freezeReasons.map((r) => FREEZE_REASONS[r] ?? r).join(', ')})`,
        ]
      : []),
    ...account.refunds
      .filter(open)
      .map((r) => `refund ${r.refundId} is ${r.status.replace(/_/g, ' ')}`),
    ...account.topUps
      .filter((t) => t.status === 'pending')
      .map((t) => `top-up ${t.topUpId} is pending`),
  ];

  const forms: ReactNode[] = [];
  if (
    active &&
    mayFreezeFor.length > 0 &&
    mayFreezeFor.some((r) => !account.freezeReasons.includes(r))
  ) {
    forms.push(
      <ActionForm
        key="freeze"
        id="freeze"
        route="freeze"
        label="Freeze"
        danger
        onDone={() => {
          setFreezeNote('');
          onChanged();
        }}
        request={() =>
          freezeNote.trim()
            ? {
                method: 'POST',
                path: `${base}/freezes`,
                body: { reason: freezeReason, note: freezeNote.trim() },
              }
            : null
        }
      >
        <label htmlFor="freeze-reason">Reason</label>
        <select
          id="freeze-reason"
          value={freezeReason}
          onChange={(e) => setFreezeReason(e.target.value)}
        >
          {mayFreezeFor.map((r) => (
            <option key={r} value={r}>
              {FREEZE_REASONS[r] ?? r}
            </option>
          ))}
        </select>
        <NoteField
          id="freeze-note"
          label="Note (required)"
          value={freezeNote}
          onChange={setFreezeNote}
        />
      </ActionForm>,
    );
  }
  for (const f of liftable) {
    const note = liftNotes[f.reason] ?? '';
    forms.push(
      <ActionForm
        key={`unfreeze-${f.reason}`}
        id={`unfreeze-${f.reason}`}
        route="unfreeze"
        label={`Unfreeze: ${FREEZE_REASONS[f.reason] ?? f.reason}`}
        onDone={onChanged}
        request={() =>
          note.trim()
            ? {
                method: 'DELETE',
                path: `${base}/freezes/${encodeURIComponent(f.reason)}`,
                body: { note: note.trim() },
              }
            : null
        }
      >
        <NoteField
          id={`unfreeze-note-${f.reason}`}
          label={`Why lift ${FREEZE_REASONS[f.reason] ?? f.reason} (required)`}
          value={note}
          onChange={(v) => setLiftNotes({ ...liftNotes, [f.reason]: v })}
        />
      </ActionForm>,
    );
  }
  if (active && can(session, 'requestCancellation')) {
    forms.push(
      <ActionForm
        key="cancel"
        id="request-cancellation"
        route="requestCancellation"
        label="Request cancellation"
        danger
        disabled={blockers.length > 0}
        onDone={onChanged}
        request={() =>
          cancelReason.trim()
            ? {
                method: 'POST',
                path: `${base}/cancellation`,
                body: { reason: cancelReason.trim() },
              }
            : null
        }
      >
        {blockers.length > 0 && <Blockers blockers={blockers} />}
        <NoteField
          id="cancellation-reason"
          label="Reason for cancelling (required)"
          value={cancelReason}
          onChange={setCancelReason}
        />
      </ActionForm>,
    );
  }
  if (requested && can(session, 'withdrawCancellation')) {
    forms.push(
      <ActionForm
        key="withdraw"
        id="withdraw-cancellation"
        route="withdrawCancellation"
        label="Withdraw the cancellation"
        onDone={onChanged}
        request={() => ({ method: 'DELETE', path: `${base}/cancellation`, body: {} })}
      />,
    );
  }
  if (requested && can(session, 'confirmCancellation')) {
    forms.push(
      <ActionForm
        key="confirm"
        id="confirm-cancellation"
        route="confirmCancellation"
        label="Confirm the cancellation"
        danger
        disabled={blockers.length > 0}
        onDone={onChanged}
        request={() => ({ method: 'POST', path: `${base}/cancellation/confirm`, body: {} })}
      >
        {blockers.length > 0 ? (
          <Blockers blockers={blockers} />
        ) : (
          <p className="help">Issues the final statement and starts the retention window.</p>
        )}
      </ActionForm>,
    );
  }
  if (cancelled && can(session, 'reactivate') && !account.frozen) {
    forms.push(
      <ActionForm
        key="reactivate"
        id="reactivate"
        route="reactivate"
        label="Reactivate"
        onDone={onChanged}
        request={() => ({ method: 'POST', path: `${base}/reactivation`, body: {} })}
      />,
    );
  }
  if (forms.length === 0) return null;
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      <div className="actions-grid">{forms}</div>
    </section>
  );
}
