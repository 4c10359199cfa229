import { Link } from 'react-router';

/** A link to an account's page; ids only in URLs, never names or e-mails. */
export function AccountLink({ id }: { id: string }) {
  return <Link to={`/accounts/${encodeURIComponent(id)}`}>{id}</Link>;
}

/** A link to a refund's page in the approval queue. */
export function RefundLink({ accountId, refundId }: { accountId: string; refundId: string }) {
  return (
    <Link to={`/queue/${encodeURIComponent(accountId)}/${encodeURIComponent(refundId)}`}>
      {refundId}
    </Link>
  );
}
