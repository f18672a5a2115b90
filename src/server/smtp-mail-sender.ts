import nodemailer from 'nodemailer';
import { MailNotSent, type MailSender, type OutgoingMail } from '../services/mail/mail-outbox.js';

// The outbox's way to an SMTP server (HUB_SMTP_URL, e.g. smtp://user:pass@mail.example.org:587),
// through nodemailer. A refused recipient is a bounce (permanent); anything else (no connection,
// a 4xx answer) is tried again later.

export function smtpMailSender(smtpUrl: string, from: string): MailSender & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail: OutgoingMail): Promise<void> {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          list: { unsubscribe: { url: mail.unsubscribeUrl, comment: 'unsubscribe' } },
          headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          ...(mail.calendar
            ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content, filename: 'einladung.ics' } }
            : {}),
        });
      } catch (error) {
        const { responseCode, code } = error as { responseCode?: number; code?: string };
        const permanent = code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500;
        throw new MailNotSent((error as Error).message, permanent);
      }
    },
    close: () => transport.close(),
  };
}
