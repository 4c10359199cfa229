import { useEffect, useRef, useState, type FormEvent } from 'react';
import { stepUpAtProvider, useSession } from '../session/session';

/**
 * Asks for the one-time code of the signed-in actor's authenticator (TOTP, 6 digits), or,
 * after single sign-on, sends the person to the identity provider to sign in again with a
 * second factor (then back to this screen). A native modal dialog: it keeps the focus
 * inside, and Escape cancels.
 */
export function StepUpDialog({
  open,
  rejected,
  sending,
  secondFactor,
  action,
  onSubmit,
  onCancel,
  idPrefix = 'step-up',
}: {
  open: boolean;
  rejected: boolean;
  sending: boolean;
  secondFactor: boolean;
  action: string;
  onSubmit(code: string): void;
  onCancel(): void;
  /** Makes the element ids unique where a page holds more than one such dialog. */
  idPrefix?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [code, setCode] = useState('');
  const singleSignOn = useSession().client?.singleSignOn ?? false;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // A code is used once: the field is emptied as it is sent, ready for the next one.
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) return;
    setCode('');
    onSubmit(code);
  };
  const cancel = () => {
    setCode('');
    onCancel();
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${idPrefix}-title`}
      onCancel={(event) => {
        event.preventDefault();
        cancel();
      }}
    >
      {singleSignOn ? (
        <div>
          <h2 id={`${idPrefix}-title`}>Confirm it is you</h2>
          <p>
            {action} needs a recent sign-in with your second factor. You will sign in again at your
            organisation’s sign-in page, then come back to this screen to send it again.
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={stepUpAtProvider}>
              Sign in again
            </button>
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit}>
          <h2 id={`${idPrefix}-title`}>Confirm with your one-time code</h2>
          <p>{action} needs a second factor: the 6-digit code your authenticator app shows now.</p>
          {!secondFactor && (
            <p className="warning">
              No authenticator is set up for your actor on this server, so no code can pass. Ask an
              administrator to configure one.
            </p>
          )}
          {rejected && (
            <p className="error" role="alert">
              That code was not accepted: it was wrong, expired or already used. Enter the next
              code.
            </p>
          )}
          <label htmlFor={`${idPrefix}-code`}>One-time code</label>
          <input
            id={`${idPrefix}-code`}
            name="one-time-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={6}
            required
            autoFocus
            value={code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={sending}>
              {sending ? 'Checking…' : 'Confirm'}
            </button>
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
