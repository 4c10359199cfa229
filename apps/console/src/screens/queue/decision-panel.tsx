import { useState, type FormEvent } from 'react';
import type { Account, Refund, RefundResult } from '../../api/types';
import { Money } from '../../components/money';
import { ProblemBanner } from '../../components/problem-banner';
import { StepUpDialog } from '../../components/step-up-dialog';
import { formatMoney } from '../../format/money';
import { AWAITING_APPROVAL, words } from '../../format/labels';
import { useWrite } from '../../hooks/use-write';
import { can, needsStepUp, useSignedIn } from '../../session/session';

/**
 * Approve or reject, for those whose role may (others see no buttons; the server refuses
 * them anyway). Approval may ask for a step-up code; maker-checker refusals are explained.
 */
export function DecisionPanel({
  account,
  refund,
  onDecided,
}: {
  account: Account;
  refund: Refund;
  onDecided(): void;
}) {
  const { session } = useSignedIn();
  const mayApprove = can(session, 'approveRefund');
  const mayReject = can(session, 'rejectRefund');
  const approve = useWrite<RefundResult>('approveRefund');
  const reject = useWrite<RefundResult>('rejectRefund');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const done =
    approve.state.phase === 'done'
      ? approve.state.result
      : reject.state.phase === 'done'
        ? reject.state.result
        : null;
  if (!done && (!AWAITING_APPROVAL.includes(refund.status) || (!mayApprove && !mayReject)))
    return null;

  const base = `/accounts/${encodeURIComponent(account.accountId)}/refunds/${encodeURIComponent(refund.refundId)}`;
  const codeAsked = needsStepUp(session, 'approveRefund', refund.amount);
  const rule = session.stepUp.approveRefund;

  const sendApproval = async (event: FormEvent) => {
    event.preventDefault();
    const body = note.trim() ? { note: note.trim() } : {};
    if (
      await approve.send({ method: 'POST', path: `${base}/approve`, body, amount: refund.amount })
    )
      onDecided();
  };
  const sendRejection = async (event: FormEvent) => {
    event.preventDefault();
    if (
      await reject.send({ method: 'POST', path: `${base}/reject`, body: { reason: reason.trim() } })
    )
      onDecided();
  };
  const submitCode = async (code: string) => {
    if (await approve.submitCode(code)) onDecided();
  };

  if (done) {
    return (
      <section className="card decision" aria-labelledby="decision-title">
        <h2 id="decision-title">Decision</h2>
        <p className="banner banner-ok" role="status">
          Refund {done.refundId} is now <strong>{words(done.status)}</strong>. Available balance:{' '}
          <Money minor={done.balance.available} currency={account.currency} />, held:{' '}
          <Money minor={done.balance.held} currency={account.currency} />.
        </p>
      </section>
    );
  }
  return (
    <section className="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Decision</h2>
      {mayApprove && (
        <form onSubmit={sendApproval} className="decision-form">
          <label htmlFor="approve-note">Note (optional)</label>
          <textarea
            id="approve-note"
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
          />
          {codeAsked && typeof rule === 'object' && (
            <p className="help">
              Refunds above {formatMoney(rule.above, account.currency)} need your one-time code to
              approve.
            </p>
          )}
          <button type="submit" className="primary" disabled={approve.state.phase === 'sending'}>
            Approve
          </button>
          {approve.state.phase === 'failed' && (
            <ProblemBanner
              failure={approve.state.failure}
              onRetry={
                approve.state.failure.isRetryable
                  ? () => void approve.retry().then((r) => r && onDecided())
                  : undefined
              }
            />
          )}
        </form>
      )}
      {mayReject && (
        <form onSubmit={sendRejection} className="decision-form">
          <label htmlFor="reject-reason">Reason for rejecting (required)</label>
          <textarea
            id="reject-reason"
            value={reason}
            required
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="submit"
            className="danger"
            disabled={reject.state.phase === 'sending' || reason.trim() === ''}
          >
            Reject
          </button>
          {reject.state.phase === 'failed' && (
            <ProblemBanner
              failure={reject.state.failure}
              onRetry={
                reject.state.failure.isRetryable
                  ? () => void reject.retry().then((r) => r && onDecided())
                  : undefined
              }
            />
          )}
        </form>
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
