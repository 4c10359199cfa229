import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import type { Command } from '@account-ops/accounts';
import { createAccountOps, type AccountOps } from '@account-ops/engine';
import { MemoryEventStore } from '@account-ops/event-store';
import { accountContacts } from './account-contacts';
import { smtpNotificationSender } from './smtp-notification-sender';

interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly raw: string;
}

// An independent reading of what nodemailer wrote: RFC 2047 encoded words in the
// subject, base64 or quoted-printable bodies (RFC 2045).
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const clean = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < clean.length; i++) {
    if (clean[i] === '=' && /^[0-9A-F]{2}$/i.test(clean.slice(i + 1, i + 3))) {
      bytes.push(parseInt(clean.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(clean[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseMail(raw: string, to: string): Mail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded)?.[1]?.trim() ?? '';
  const body = rest.join('\n\n');
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { to, subject: decodeWords(header('Subject')), text: text.trim(), raw };
}

describe('customer e-mail over SMTP (a real SMTP server on loopback)', () => {
  let server: SMTPServer;
  let port: number;
  const mails: Mail[] = [];
  let ops: AccountOps | undefined;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('mails approval, rejection, payout, payout failure and card change, in the account’s language, with last4 only', async () => {
    const sender = smtpNotificationSender({
      url: `smtp://127.0.0.1:${port}`,
      from: 'Account Operations <noreply@bank.example>',
      contacts: accountContacts(() => ops),
    });
    ops = createAccountOps({
      store: new MemoryEventStore(),
      clock: new FakeClock(fx.NOW),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
      notificationSender: sender,
    });
    const patched = (command: Command, patch: Record<string, unknown>) =>
      ({ ...command, ...patch }) as Command;
    const mia = (command: Command) => patched(command, { accountId: 'acc-en' });
    // 王芳 keeps her account in CNY: Chinese. Mia keeps hers in EUR: English.
    for (const command of fx.funded(10_000)) {
      await ops.execute(
        command.type === 'OpenAccount'
          ? { ...command, ownerName: '王芳', ownerEmail: 'wang.fang@example.cn' }
          : command,
        fx.setUpOptions(command),
      );
    }
    await ops.execute(fx.refund('r1', 2_500));
    await ops.execute(fx.approve('r1'));
    await ops.execute(fx.command('MarkRefundPaidOut', { refundId: 'r1' }));
    await ops.execute(fx.refund('r2', 1_000));
    await ops.execute(fx.command('RejectRefund', { refundId: 'r2', reason: 'duplicate' }));
    for (const command of fx.funded(10_000)) {
      await ops.execute(
        mia(
          command.type === 'OpenAccount'
            ? {
                ...command,
                ownerName: 'Mia Schmidt',
                ownerEmail: 'mia@example.de',
                currency: 'EUR',
              }
            : command.type === 'ChangeBankCard'
              ? patched(command, { cardNumber: fx.MASTERCARD })
              : command,
        ),
        fx.setUpOptions(command),
      );
    }
    await ops.execute(mia(fx.refund('r3', 1_999)));
    await ops.execute(mia(fx.approve('r3')));
    await ops.execute(
      mia(fx.command('MarkRefundPayoutFailed', { refundId: 'r3', reason: 'bank said no' })),
    );

    expect(await ops.notifications.runDue()).toMatchObject({ sent: 7, failed: 0 });
    sender.close();

    const chinese = mails.filter((m) => m.to === 'wang.fang@example.cn');
    expect(chinese.map((m) => m.subject)).toEqual([
      '您的收款银行卡已变更',
      '您的退款已批准',
      '您的退款已支付',
      '您的退款未获批准',
    ]);
    expect(chinese[0]!.text).toContain('尾号为 1111');
    expect(chinese[2]!.text).toContain('25.00 CNY');
    expect(chinese[3]!.text).toContain('duplicate');

    const english = mails.filter((m) => m.to === 'mia@example.de');
    expect(english.map((m) => m.subject)).toEqual([
      'Your payout card was changed',
      'Your refund was approved',
      'Your refund could not be paid out',
    ]);
    expect(english[0]!.text).toContain('mastercard card ending in 4444');
    expect(english[2]!.text).toContain('19.99 EUR');

    for (const mail of mails) {
      expect(mail.raw).toContain('From: Account Operations <noreply@bank.example>');
      expect(mail.raw).not.toContain(fx.VISA);
      expect(mail.raw).not.toContain(fx.MASTERCARD);
    }
    // Delivery status per account, as before.
    const entries = await ops.notifications.forAccount('acc-en');
    expect(entries.every((e) => e.status === 'sent')).toBe(true);
  });

  it('leaves a notification pending with the error when the SMTP server is unreachable', async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const local = createAccountOps({
      store: new MemoryEventStore(),
      clock: new FakeClock(fx.NOW),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
      notificationSender: smtpNotificationSender({
        url: `smtp://127.0.0.1:${deadPort}`,
        from: 'noreply@bank.example',
        contacts: accountContacts(() => local),
      }),
    });
    for (const command of fx.funded(1_000)) await local.execute(command, fx.setUpOptions(command));
    expect(await local.notifications.runDue()).toMatchObject({ sent: 0, retrying: 1 });
    const [entry] = await local.notifications.forAccount(fx.ACCOUNT_ID);
    expect(entry).toMatchObject({ status: 'pending', attempts: 1 });
    expect(entry!.lastError).toMatch(/^SMTP: .*(ECONNREFUSED|connect)/i);
  });
});
