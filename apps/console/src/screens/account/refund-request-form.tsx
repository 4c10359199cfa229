import { useState, type FormEvent } from 'react';
import type { Account, RefundResult } from '../../api/types';
import { RefundLink } from '../../components/account-link';
import { Money } from '../../components/money';
import { FormSubmitRow } from '../../components/form-submit-row';
import { WriteOutcome } from '../../components/write-outcome';
import { parseAmount } from '../../format/money';
import { REFUND_REASONS } from '../../format/labels';
import { useWrite } from '../../hooks/use-write';
import { can, useSignedIn } from '../../session/session';

/** Request a refund: the amount is held at once and the request joins the approval queue. */
export function RefundRequestForm({
  account,
  onRequested,
}: {
  account: Account;
  onRequested(): void;
}) {
  const { session } = useSignedIn();
  const write = useWrite<RefundResult>('requestRefund');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('service_unsatisfactory');
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  if (!can(session, 'requestRefund') || account.status !== 'active') return null;

  // Cleared once the write went through, sent at once or after a code or a retry.
  const finished = () => {
    setAmount('');
    setNote('');
    onRequested();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseAmount(amount, account.currency);
    if (!parsed.ok) {
      setInvalid(parsed.reason);
      return;
    }
    if (reason === 'other' && note.trim() === '') {
      setInvalid('A note is required when the reason is Other.');
      return;
    }
    setInvalid(null);
    const body = { amount: parsed.minor, reason, ...(note.trim() ? { note: note.trim() } : {}) };
    const path = `/accounts/${encodeURIComponent(account.accountId)}/refunds`;
    if (await write.send({ method: 'POST', path, body, amount: parsed.minor })) finished();
  };
  const done = write.state.phase === 'done' ? write.state.result : null;
  return (
    <section className="card" aria-labelledby="request-refund-title">
      <h2 id="request-refund-title">Request a refund</h2>
      {account.frozen && (
        <p className="warning">
          The account is frozen: a refund cannot be requested until the freeze is lifted.
        </p>
      )}
      {done && (
        <p className="banner banner-ok" role="status">
          Refund{' '}
          {can(session, 'opsRefunds') ? (
            <RefundLink accountId={account.accountId} refundId={done.refundId} />
          ) : (
            done.refundId
          )}{' '}
          requested: <Money minor={done.amount} currency={account.currency} /> is held until an
          approver decides.
        </p>
      )}
      <form onSubmit={submit} className="grid-form" noValidate>
        <div>
          <label htmlFor="refund-amount">Amount ({account.currency})</label>
          <input
            id="refund-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-describedby="refund-amount-help"
            required
          />
          <p id="refund-amount-help" className="help">
            At most <Money minor={account.balance.available} currency={account.currency} />{' '}
            (available).
          </p>
        </div>
        <div>
          <label htmlFor="refund-reason">Reason</label>
          <select id="refund-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
            {Object.entries(REFUND_REASONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="wide">
          <label htmlFor="refund-note">
            Note{reason === 'other' ? ' (required)' : ' (optional)'}
          </label>
          <textarea
            id="refund-note"
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <FormSubmitRow
          invalid={invalid}
          label="Request refund"
          disabled={write.state.phase === 'sending' || account.frozen}
        />
      </form>
      <WriteOutcome write={write} action="Requesting this refund" onDone={finished} />
    </section>
  );
}
