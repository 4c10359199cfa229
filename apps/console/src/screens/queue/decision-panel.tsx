import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Account, Refund, RefundResult } from '../../api/types';
import { Money } from '../../components/money';
import { ProblemBanner } from '../../components/problem-banner';
import { StepUpDialog } from '../../components/step-up-dialog';
import { formatMoney } from '../../format/money';
import { AWAITING_APPROVAL, words } from '../../format/labels';
import { useWrite } from '../../hooks/use-write';
import { useShortcuts } from '../../keyboard/shortcuts';
import { can, needsStepUp, useSignedIn } from '../../session/session';
import { confirmAbove } from './confirm-above';
import { ConfirmDialog } from './confirm-dialog';
import { approvalBlocker, decisionWarnings, refundChanges } from './decision-rules';

/** Reasons an approver picks from (a rejection needs one); "other" takes free text. */
export const REJECT_REASONS = [
  'Not covered by the refund policy',
  'Duplicate of another refund',
  'Not enough evidence for the claim',
  'The customer withdrew the request',
] as const;
const OTHER = 'other';

/** Where to go after a decision: the next refund of the queue, or the queue itself. */
export interface NextStep {
  readonly path: string;
  readonly label: string;
}

/**
 * Approve or reject, for those whose role may (others see no buttons; the server refuses
 * them anyway). Warnings come first; Approve is not offered where the server would refuse
 * it (and says why); "& next" goes on to the next refund of the queue. Large approvals ask
 * for a confirmation, approvals the policy names ask for a step-up code; after a 409 the
 * refund is read again and the panel says what changed.
 */
export function DecisionPanel({
  account,
  refund,
  approvalsRequired,
  next,
  now,
  onDecided,
}: {
  account: Account;
  refund: Refund;
  approvalsRequired?: number | undefined;
  next?: NextStep;
  now: number;
  onDecided(): void;
}) {
  const { session, client } = useSignedIn();
  const navigate = useNavigate();
  const mayApprove = can(session, 'approveRefund');
  const mayReject = can(session, 'rejectRefund');
  const approve = useWrite<RefundResult>('approveRefund');
  const reject = useWrite<RefundResult>('rejectRefund');
  const [note, setNote] = useState('');
  const [choice, setChoice] = useState<string>(REJECT_REASONS[0]);
  const [otherReason, setOtherReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [conflict, setConflict] = useState<Refund | null>(null);
  const andNext = useRef(false);
  const rejectButton = useRef<HTMLButtonElement>(null);

  const done =
    approve.state.phase === 'done'
      ? approve.state.result
      : reject.state.phase === 'done'
        ? reject.state.result
        : null;
  const awaiting = AWAITING_APPROVAL.includes(refund.status);
  const codeAsked = needsStepUp(session, 'approveRefund', refund.amount);
  // After single sign-on the second factor is the identity provider's (a fresh sign-in).
  const secondFactor = session.secondFactor || client.singleSignOn;
  const blocker = approvalBlocker(refund, session.actorId, codeAsked, secondFactor);
  const offerApprove = mayApprove && awaiting && blocker === null && !done;
  const offerReject = mayReject && awaiting && !done;
  const reason = choice === OTHER ? otherReason.trim() : choice;

  const base = `/accounts/${encodeURIComponent(account.accountId)}/refunds/${encodeURIComponent(refund.refundId)}`;
  const rule = session.stepUp.approveRefund;

  const decided = (what: string) => {
    onDecided();
    if (andNext.current) {
      andNext.current = false;
      navigate(next?.path ?? '/queue', {
        state: { decided: `Refund ${refund.refundId} ${what}.` },
      });
    }
  };
  // The refund as it was when the last decision was sent, to say what changed after a 409.
  const sentFrom = useRef(refund);
  const reload = useRef(onDecided);
  useEffect(() => {
    reload.current = onDecided;
  });

  const sendApproval = async () => {
    setConfirming(false);
    setConflict(null);
    sentFrom.current = refund;
    const body = note.trim() ? { note: note.trim() } : {};
    const result = await approve.send({
      method: 'POST',
      path: `${base}/approve`,
      body,
      amount: refund.amount,
    });
    if (result)
      decided(result.status === 'partially_approved' ? 'approved (one of two)' : 'approved');
  };
  const startApproval = (withNext: boolean) => {
    if (!offerApprove || approve.state.phase === 'sending') return;
    andNext.current = withNext;
    if (refund.amount > confirmAbove()) setConfirming(true);
    else void sendApproval();
  };
  const sendRejection = async (withNext: boolean) => {
    if (!offerReject || !reason || reject.state.phase === 'sending') return;
    andNext.current = withNext;
    setConflict(null);
    sentFrom.current = refund;
    const result = await reject.send({ method: 'POST', path: `${base}/reject`, body: { reason } });
    if (result) decided('rejected');
  };
  const submitCode = async (code: string) => {
    const result = await approve.submitCode(code);
    if (result) decided('approved');
  };
  const lastFailure =
    approve.state.phase === 'failed'
      ? approve.state.failure
      : reject.state.phase === 'failed'
        ? reject.state.failure
        : undefined;
  useEffect(() => {
    // Someone else decided (or the account moved) meanwhile: read it again, say what changed.
    if (lastFailure?.status !== 409) return;
    andNext.current = false;
    setConflict(sentFrom.current);
    reload.current();
  }, [lastFailure]);

  useShortcuts({
    a: () => startApproval(true),
    r: () => rejectButton.current?.focus(),
  });

  const warnings = decisionWarnings(account, refund, approvalsRequired, now);
  const changes = conflict ? refundChanges(conflict, refund) : [];

  if (!done && !awaiting && !conflict) return null;
  if (!mayApprove && !mayReject) return null;

  return (
    <section className="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Decision</h2>
      {!done && (
        <ul className="decision-warnings" aria-label="Before you decide" data-testid="warnings">
          {warnings.map((w, i) => (
            <li key={i} className={w.tone} data-kind={w.kind}>
              {w.text}
            </li>
          ))}
        </ul>
      )}
      {conflict && (
        <p className="banner banner-error" role="alert" data-testid="conflict">
          This refund changed while you were looking
          {changes.length > 0 ? (
            <>
              : {changes.join('; ')}. It is now <strong>{words(refund.status)}</strong>.
            </>
          ) : (
            '; reading it again…'
          )}
        </p>
      )}
      {done && (
        <p className="banner banner-ok" role="status">
          Refund {done.refundId} is now <strong>{words(done.status)}</strong>. Available balance:{' '}
          <Money minor={done.balance.available} currency={account.currency} />, held:{' '}
          <Money minor={done.balance.held} currency={account.currency} />.
        </p>
      )}
      {mayApprove && awaiting && blocker && (
        <p className="muted" data-testid="approve-blocked">
          {blocker}
        </p>
      )}
      {offerApprove && (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            startApproval(false);
          }}
          className="decision-form"
        >
          <label htmlFor="approve-note">Note (optional)</label>
          <textarea
            id="approve-note"
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
          />
          {codeAsked && typeof rule === 'object' && (
            <p className="help">
              Refunds above {formatMoney(rule.above, account.currency)} need{' '}
              {client.singleSignOn
                ? 'a recent sign-in with your second factor'
                : 'your one-time code'}{' '}
              to approve.
            </p>
          )}
          <div className="decision-actions">
            <button
              type="button"
              className="primary"
              disabled={approve.state.phase === 'sending'}
              onClick={() => startApproval(true)}
              aria-keyshortcuts="a"
            >
              Approve &amp; next
            </button>
            <button type="submit" disabled={approve.state.phase === 'sending'}>
              Approve
            </button>
          </div>
          {approve.state.phase === 'failed' && approve.state.failure.status !== 409 && (
            <ProblemBanner
              failure={approve.state.failure}
              onRetry={
                approve.state.failure.isRetryable
                  ? () => void approve.retry().then((r) => r && decided('approved'))
                  : undefined
              }
            />
          )}
        </form>
      )}
      {offerReject && (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void sendRejection(false);
          }}
          className="decision-form"
        >
          <label htmlFor="reject-choice">Reason for rejecting</label>
          <select id="reject-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
            {REJECT_REASONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
            <option value={OTHER}>Another reason (write it)</option>
          </select>
          {choice === OTHER && (
            <>
              <label htmlFor="reject-reason">Your reason (required)</label>
              <textarea
                id="reject-reason"
                value={otherReason}
                required
                maxLength={500}
                onChange={(e) => setOtherReason(e.target.value)}
              />
            </>
          )}
          <div className="decision-actions">
            <button
              ref={rejectButton}
              type="button"
              className="danger"
              disabled={reject.state.phase === 'sending' || !reason}
              onClick={() => void sendRejection(true)}
              aria-keyshortcuts="r"
            >
              Reject &amp; next
            </button>
            <button
              type="submit"
              className="danger"
              disabled={reject.state.phase === 'sending' || !reason}
            >
              Reject
            </button>
          </div>
          {reject.state.phase === 'failed' && reject.state.failure.status !== 409 && (
            <ProblemBanner
              failure={reject.state.failure}
              onRetry={
                reject.state.failure.isRetryable
                  ? () => void reject.retry().then((r) => r && decided('rejected'))
                  : undefined
              }
            />
          )}
        </form>
      )}
      {next && !done && (
        <p className="help">
          Next in the queue: {next.label}. Keys: <kbd>a</kbd> approve &amp; next, <kbd>r</kbd>{' '}
          reject &amp; next, <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>?</kbd> all keys.
        </p>
      )}
      {offerApprove && (
        <ConfirmDialog
          open={confirming}
          title="Approve a large refund?"
          text={`Approve ${formatMoney(refund.amount, account.currency)} to ${account.accountId}? Approvals above ${formatMoney(confirmAbove(), account.currency)} are confirmed first.`}
          confirm="Approve"
          onConfirm={() => void sendApproval()}
          onCancel={() => {
            setConfirming(false);
            andNext.current = false;
          }}
        />
      )}
      <StepUpDialog
        {...approve.codePrompt}
        secondFactor={session.secondFactor}
        action={`Approving refund ${refund.refundId}`}
        onSubmit={(code) => void submitCode(code)}
        onCancel={approve.cancelCode}
      />
    </section>
  );
}
