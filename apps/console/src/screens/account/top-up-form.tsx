import { useState, type FormEvent } from 'react';
import type { Account } from '../../api/types';
import { Money } from '../../components/money';
import { FormSubmitRow } from '../../components/form-submit-row';
import { WriteOutcome } from '../../components/write-outcome';
import { parseAmount } from '../../format/money';
import { useWrite } from '../../hooks/use-write';
import { can, useSignedIn } from '../../session/session';

const METHODS: Readonly<Record<string, string>> = {
  bank_transfer: 'Bank transfer',
  third_party: 'Third party',
  card: 'Card',
};
const REFERENCE = /^[A-Za-z0-9_.:-]{1,128}$/;

interface TopUpResult {
  readonly topUpId: string;
  readonly amount: number;
}

/** Initiate a top-up: pending until the payment system settles it (operator, admin). */
export function TopUpForm({ account, onDone }: { account: Account; onDone(): void }) {
  const { session } = useSignedIn();
  const write = useWrite<TopUpResult>('initiateTopUp');
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState('bank_transfer');
  const [reference, setReference] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  if (!can(session, 'initiateTopUp') || account.status !== 'active') return null;

  // Cleared once the write went through, sent at once or after a code or a retry.
  const finished = () => {
    setAmount('');
    setReference('');
    onDone();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseAmount(amount, account.currency);
    if (!parsed.ok) {
      setInvalid(parsed.reason);
      return;
    }
    if (!REFERENCE.test(reference.trim())) {
      setInvalid('The payment reference is 1–128 letters, digits or _ - . :');
      return;
    }
    setInvalid(null);
    const body = { amount: parsed.minor, method, paymentReference: reference.trim() };
    const path = `/accounts/${encodeURIComponent(account.accountId)}/top-ups`;
    if (await write.send({ method: 'POST', path, body, amount: parsed.minor })) finished();
  };
  const done = write.state.phase === 'done' ? write.state.result : null;
  return (
    <section className="card" aria-labelledby="top-up-title">
      <h2 id="top-up-title">Initiate a top-up</h2>
      {done && (
        <p className="banner banner-ok" role="status">
          Top-up {done.topUpId} of <Money minor={done.amount} currency={account.currency} /> is
          pending until the payment system settles it.
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} className="grid-form" noValidate>
        <div>
          <label htmlFor="top-up-amount">Amount ({account.currency})</label>
          <input
            id="top-up-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            required
          />
        </div>
        <div>
          <label htmlFor="top-up-method">Method</label>
          <select id="top-up-method" value={method} onChange={(e) => setMethod(e.target.value)}>
            {Object.entries(METHODS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="wide">
          <label htmlFor="top-up-reference">Payment reference</label>
          <input
            id="top-up-reference"
            value={reference}
            maxLength={128}
            onChange={(e) => setReference(e.target.value)}
            required
          />
        </div>
        <FormSubmitRow
          invalid={invalid}
          label="Initiate top-up"
          disabled={write.state.phase === 'sending'}
        />
      </form>
      <WriteOutcome
        write={write}
        action="Initiating this top-up"
        onDone={finished}
        idPrefix="top-up-step-up"
      />
    </section>
  );
}
