import { useState, type FormEvent } from 'react';
import type { Account } from '../../api/types';
import { FormSubmitRow } from '../../components/form-submit-row';
import { WriteOutcome } from '../../components/write-outcome';
import { useWrite } from '../../hooks/use-write';
import { can, useSignedIn } from '../../session/session';

const DIGITS = /^\d{12,19}$/;

/**
 * Change the bank card (operator, admin; replacing a card asks for a second factor). The
 * card number is typed into a field the browser must not remember (autocomplete off), is
 * cleared as soon as it is sent, and exists only in the request body from then on — and
 * in memory until the write succeeds, so a retry reuses the same body and Idempotency-Key.
 */
export function BankCardForm({ account, onDone }: { account: Account; onDone(): void }) {
  const { session } = useSignedIn();
  const write = useWrite<Account>('changeBankCard');
  const [cardNumber, setCardNumber] = useState('');
  const [holder, setHolder] = useState('');
  const [bank, setBank] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  if (!can(session, 'changeBankCard') || account.status === 'closed') return null;

  // Cleared once the write went through, sent at once or after a code or a retry.
  const finished = () => {
    setHolder('');
    setBank('');
    onDone();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const digits = cardNumber.replace(/[\s-]/g, '');
    if (!DIGITS.test(digits)) {
      setInvalid('A card number is 12–19 digits.');
      return;
    }
    if (holder.trim() === '' || bank.trim() === '') {
      setInvalid('The holder and the bank are required.');
      return;
    }
    setInvalid(null);
    const body = { cardNumber: digits, holderName: holder.trim(), bankName: bank.trim() };
    // Out of the page's state at once: only the pending request body holds it now.
    setCardNumber('');
    const path = `/accounts/${encodeURIComponent(account.accountId)}/bank-card`;
    if (await write.send({ method: 'PUT', path, body })) finished();
  };
  const done = write.state.phase === 'done' ? write.state.result : null;
  return (
    <section className="card" aria-labelledby="bank-card-title">
      <h2 id="bank-card-title">Change the bank card</h2>
      <p className="help">
        Every card change asks for your second factor.
        {account.bankCard &&
          ` Replacing the card on file (••${account.bankCard.last4}) also holds payouts of approved refunds for a while.`}
      </p>
      {done?.bankCard && (
        <p className="banner banner-ok" role="status">
          Card ••{done.bankCard.last4} is on file.
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} className="grid-form" noValidate autoComplete="off">
        <div className="wide">
          <label htmlFor="card-number">Card number</label>
          <input
            id="card-number"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            value={cardNumber}
            maxLength={23}
            onChange={(e) => setCardNumber(e.target.value)}
            required
          />
        </div>
        <div>
          <label htmlFor="card-holder">Holder name</label>
          <input
            id="card-holder"
            autoComplete="off"
            value={holder}
            maxLength={200}
            onChange={(e) => setHolder(e.target.value)}
            required
          />
        </div>
        <div>
          <label htmlFor="card-bank">Bank</label>
          <input
            id="card-bank"
            autoComplete="off"
            value={bank}
            maxLength={200}
            onChange={(e) => setBank(e.target.value)}
            required
          />
        </div>
        <FormSubmitRow
          invalid={invalid}
          label="Change card"
          disabled={write.state.phase === 'sending'}
        />
      </form>
      <WriteOutcome
        write={write}
        action="Changing the bank card"
        onDone={finished}
        idPrefix="bank-card-step-up"
      />
    </section>
  );
}
