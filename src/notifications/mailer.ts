import { maskInvitationTokens } from '../invitations/invitation-links.js';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app-config.js';
import type { Bilingual } from '../documents/bilingual.js';

/** One notification as a message: bilingual plain text, Indonesian first. */
export interface MailMessage {
  notificationId: string;
  kind: string;
  /** null: in-app only (an organization, no address). */
  to: string | null;
  organizationId: string | null;
  subject: string;
  text: string;
}

/** Subject "id / en"; the text in Indonesian, then English, each followed by the link. */
export function composeMessage(n: {
  id: string;
  kind: string;
  email: string | null;
  organizationId: string | null;
  subject: Bilingual;
  body: Bilingual;
  link: string | null;
}): MailMessage {
  const part = (text: string): string => (n.link ? `${text}\n\n${n.link}` : text);
  return {
    notificationId: n.id,
    kind: n.kind,
    to: n.email,
    organizationId: n.organizationId,
    subject: `${n.subject.id} / ${n.subject.en}`,
    text: `${part(n.body.id)}\n\n----------\n\n${part(n.body.en)}\n`,
  };
}

/** Delivers one message; a rejection means "not delivered, try again later". */
export abstract class Mailer {
  abstract send(message: MailMessage): Promise<void>;
}

/** The default without SMTP_URL: every message, addressed or not, becomes one log line a founder running `npm start` can read. */
export class LogMailer extends Mailer {
  private readonly logger = new Logger('Mail');

  async send(message: MailMessage): Promise<void> {
    const recipient = message.to ?? `organization ${message.organizationId} (in-app)`;
    // The link of an invitation is its credential: the log shows the message without it.
    this.logger.log(
      maskInvitationTokens(`mail ${message.notificationId} (${message.kind}) to ${recipient}: ${message.subject}\n\n${message.text}`),
    );
  }
}

// Short timeouts: a hung server must not hold a row past its lease (nodemailer's socket default is 10 minutes).
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/** SMTP_URL set: addressed messages go out through nodemailer; the others are in-app only and need nothing sent. */
export class SmtpMailer extends Mailer implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    super();
    this.transport = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  }

  async send(message: MailMessage): Promise<void> {
    if (!message.to) return;
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      headers: { 'X-Kolabora-Notification': message.notificationId },
    });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

/** The mailer SMTP_URL chooses. */
export function createMailer(config: AppConfig): Mailer {
  return config.mail.smtpUrl ? new SmtpMailer(config.mail.smtpUrl, config.mail.from) : new LogMailer();
}
