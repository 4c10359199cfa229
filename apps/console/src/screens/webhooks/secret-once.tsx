/**
 * A signing secret, shown once after registering or rotating: the API never shows it again,
 * so the page says so and offers nothing but copying it. It lives in this component's props
 * only (never in a URL, storage or a log) and is gone when the admin leaves the page.
 */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="banner banner-ok" role="status" data-testid="webhook-secret">
      <p className="banner-title">Signing secret — shown only now</p>
      <p>
        Give it to the receiving service to check the <code>Webhook-Signature</code> header (see
        docs/embedding.md, “Receiving webhooks”). It is not shown again; rotate it to get a new one.
      </p>
      <p>
        <code className="hash" data-testid="webhook-secret-value">
          {secret}
        </code>
      </p>
      <div className="decision-actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(secret)}>
          Copy
        </button>
        <button type="button" onClick={onDone}>
          I have saved it
        </button>
      </div>
    </div>
  );
}
