import { RefundLink } from '../../components/account-link';
import { eventSummary } from './event-summary';

const LINKED = ['refundId', 'topUpId'];

/** The anchor of a top-up's row on the account page (the entity table sets it). */
export const topUpAnchor = (topUpId: string) => `top-up-${topUpId}`;

/**
 * A timeline row's facts: the refund id links to the refund's page, the top-up id to its
 * row in the account's top-ups; amounts and the other facts as text.
 */
export function EventFacts({
  accountId,
  data,
  currency,
}: {
  accountId: string;
  data: Readonly<Record<string, unknown>>;
  currency: string;
}) {
  const text = eventSummary(data, currency, LINKED);
  const { refundId, topUpId } = data;
  return (
    <>
      {typeof refundId === 'string' && (
        <>
          refund <RefundLink accountId={accountId} refundId={refundId} />
          {text || typeof topUpId === 'string' ? ', ' : ''}
        </>
      )}
      {typeof topUpId === 'string' && (
        <>
          top-up <a href={`#${topUpAnchor(topUpId)}`}>{topUpId}</a>
          {text ? ', ' : ''}
        </>
      )}
      {text}
    </>
  );
}
