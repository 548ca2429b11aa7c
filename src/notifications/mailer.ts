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
  /** The text as logs may show it: a link that is a credential (an invitation's) masked. */
  logText: string;
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
  /** How logs show the link, where the link is a credential. */
  loggedLink?: string;
}): MailMessage {
  const compose = (link: string | null, body: Bilingual): string => {
    const part = (text: string): string => (link ? `${text}\n\n${link}` : text);
    return `${part(body.id)}\n\n----------\n\n${part(body.en)}\n`;
  };
  const text = compose(n.link, n.body);
  const hide = (value: string): string => (n.link && n.loggedLink ? value.split(n.link).join(n.loggedLink) : value);
  return {
    notificationId: n.id,
    kind: n.kind,
    to: n.email,
    organizationId: n.organizationId,
    subject: `${n.subject.id} / ${n.subject.en}`,
    text,
    logText: hide(text),
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
    this.logger.log(`mail ${message.notificationId} (${message.kind}) to ${recipient}: ${message.subject}\n\n${message.logText}`);
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
