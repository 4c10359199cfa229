import type { Notification, NotificationSender } from '@account-ops/engine';
import { createTransport, type Transporter } from 'nodemailer';
import { renderEmail, type EmailLanguage } from './email-templates';

/** Where a customer is reached, and in which language (English when not known). */
export interface CustomerContact {
  readonly email: string;
  readonly language?: EmailLanguage;
  readonly currency?: string;
}

/** Looks a customer's contact up by account; undefined when there is none (erased, unknown). */
export type ContactLookup = (accountId: string) => Promise<CustomerContact | undefined>;

export interface SmtpSenderOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer's URL form). */
  readonly url: string;
  /** The From address, e.g. `Account Operations <noreply@bank.example>`. */
  readonly from: string;
  readonly contacts: ContactLookup;
}

/**
 * Customer e-mail over SMTP (nodemailer), one mail per notification in the account's
 * language. Throwing means "try again later" to the outbox, which records the error per
 * notification (the delivery status visible per account). A customer without an e-mail
 * address (closed and erased) is skipped, not retried.
 */
export function smtpNotificationSender(options: SmtpSenderOptions): NotificationSender & {
  close(): void;
} {
  const transport: Transporter = createTransport(options.url);
  return {
    async send(notification: Notification): Promise<void> {
      const contact = await options.contacts(notification.accountId);
      if (!contact?.email) return;
      const { subject, text } = renderEmail(
        notification,
        contact.language ?? 'en',
        contact.currency,
      );
      await transport
        .sendMail({
          from: options.from,
          to: contact.email,
          subject,
          text,
          // The notification id is stable: a mail sent twice (at least once) is recognisable.
          messageId: `<${notification.id.replace(/[^A-Za-z0-9.:-]/g, '_')}@account-ops>`,
          headers: { 'X-Account-Ops-Notification': notification.kind },
        })
        .catch((error: unknown) => {
          // Recorded as the notification's last error: the server's answer, no addresses.
          const message =
            error instanceof Error || (error as Error)?.message
              ? (error as Error).message
              : String(error);
          throw new Error(`SMTP: ${message.replaceAll(contact.email, '<recipient>')}`);
        });
    },
    close: () => transport.close(),
  };
}

const CJK = /[\u3400-\u9fff]/;

/**
 * The default way to pick a language: the account's own when the embedding application
 * knows it; otherwise Chinese for an account kept in CNY or whose owner's name is written
 * in Chinese characters, English for the rest.
 */
export function guessLanguage(ownerName: string | null, currency: string | null): EmailLanguage {
  if (currency === 'CNY') return 'zh-CN';
  return ownerName && CJK.test(ownerName) ? 'zh-CN' : 'en';
}
