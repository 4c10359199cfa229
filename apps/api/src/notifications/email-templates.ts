import type { Notification, NotificationKind } from '@account-ops/engine';

/** The languages customer e-mails are written in; English when the account's is not known. */
export type EmailLanguage = 'en' | 'zh-CN';

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
}

type Facts = Notification['facts'];
type Template = (facts: Facts, money: (amount: unknown) => string) => RenderedEmail;

const str = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value);

const EN: Record<NotificationKind, Template> = {
  refund_approved: (f) => ({
    subject: 'Your refund was approved',
    text: `Your refund ${str(f.refundId)} was approved. We will let you know when it has been paid out.`,
  }),
  refund_rejected: (f, money) => ({
    subject: 'Your refund was not approved',
    text: `Your refund ${str(f.refundId)} of ${money(f.amount)} was not approved (reason: ${str(f.reason)}). The amount is available in your balance again.`,
  }),
  refund_paid_out: (f, money) => ({
    subject: 'Your refund was paid out',
    text: `Your refund ${str(f.refundId)} of ${money(f.amount)} was paid out to your bank card.`,
  }),
  refund_payout_failed: (f, money) => ({
    subject: 'Your refund could not be paid out',
    text: `The payout of your refund ${str(f.refundId)} (${money(f.amount)}) failed. We will try again; please check that your bank card is still valid.`,
  }),
  account_frozen: (f) => ({
    subject: 'Your account was frozen',
    text: `Your account was frozen (reason: ${str(f.reason)}). Please contact support if you did not expect this.`,
  }),
  account_unfrozen: () => ({
    subject: 'Your account is active again',
    text: 'A freeze on your account was lifted.',
  }),
  cancellation_confirmed: (f) => ({
    subject: 'Your account was cancelled',
    text: `Your account cancellation is confirmed. Your data is kept until ${str(f.retentionUntil)}, then closed.`,
  }),
  card_changed: (f) => ({
    subject: 'Your payout card was changed',
    text: `Refunds will now be paid to your ${str(f.brand)} card ending in ${str(f.last4)}. If you did not make this change, contact support at once.`,
  }),
};

const ZH: Record<NotificationKind, Template> = {
  refund_approved: (f) => ({
    subject: '您的退款已批准',
    text: `您的退款 ${str(f.refundId)} 已批准。款项支付后我们会再通知您。`,
  }),
  refund_rejected: (f, money) => ({
    subject: '您的退款未获批准',
    text: `您的退款 ${str(f.refundId)}（${money(f.amount)}）未获批准（原因：${str(f.reason)}）。该金额已退回您的可用余额。`,
  }),
  refund_paid_out: (f, money) => ({
    subject: '您的退款已支付',
    text: `您的退款 ${str(f.refundId)}（${money(f.amount)}）已支付到您的银行卡。`,
  }),
  refund_payout_failed: (f, money) => ({
    subject: '您的退款支付失败',
    text: `您的退款 ${str(f.refundId)}（${money(f.amount)}）支付失败。我们会重试，请确认您的银行卡仍然有效。`,
  }),
  account_frozen: (f) => ({
    subject: '您的账户已被冻结',
    text: `您的账户已被冻结（原因：${str(f.reason)}）。如有疑问，请联系客服。`,
  }),
  account_unfrozen: () => ({
    subject: '您的账户已恢复',
    text: '您账户上的一项冻结已解除。',
  }),
  cancellation_confirmed: (f) => ({
    subject: '您的账户已注销',
    text: `您的账户注销已确认。您的数据将保留至 ${str(f.retentionUntil)}，之后账户关闭。`,
  }),
  card_changed: (f) => ({
    subject: '您的收款银行卡已变更',
    text: `今后退款将支付到您尾号为 ${str(f.last4)} 的 ${str(f.brand)} 卡。如非本人操作，请立即联系客服。`,
  }),
};

// Defence in depth: a run of 12 or more digits (a card number, whatever put it there)
// never leaves in an e-mail; notifications only ever carry the last four.
const LONG_DIGITS = /\d(?:[ -]?\d){11,}/g;
const maskLongNumbers = (text: string): string => text.replace(LONG_DIGITS, '[redacted]');

/** Minor units to a decimal amount with its currency (two decimals: EUR, USD, CNY). */
function moneyIn(currency: string | undefined) {
  return (amount: unknown): string =>
    typeof amount === 'number'
      ? `${(amount / 100).toFixed(2)}${currency ? ` ${currency}` : ''}`
      : str(amount);
}

/** The subject and plain-text body of a customer e-mail, in the given language. */
export function renderEmail(
  notification: Notification,
  language: EmailLanguage,
  currency?: string,
): RenderedEmail {
  const template = (language === 'zh-CN' ? ZH : EN)[notification.kind];
  const factCurrency =
    typeof notification.facts.currency === 'string' ? notification.facts.currency : currency;
  const { subject, text } = template(notification.facts, moneyIn(factCurrency));
  return { subject: maskLongNumbers(subject), text: maskLongNumbers(text) };
}
