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
  /** Extra headers: List-Unsubscribe and List-Unsubscribe-Post on mail to members. */
  headers?: Record<string, string>;
}

// A URL with a scheme or www., or a bare domain name (mail clients link those too); not the domain of an email address.
const LINKABLE =
  /(?:(?<![\w.+-])[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>"']+|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}\b(?:\/[^\s<>"']*)?/gi;

/**
 * Words a user wrote reach any address in a mail, so only links to this service stay clickable: any other is shown
 * without its scheme and with its host's dots as [.] ("evil[.]example/login"), which no mail client turns into a link.
 */
export function unlinkForeignUrls(text: string, publicUrl: string): string {
  return text.replace(LINKABLE, (match) => {
    const trailing = /[.,;:!?)\]]*$/.exec(match)![0]; // the sentence's punctuation, not the URL's
    const url = match.slice(0, match.length - trailing.length);
    const rest = url.startsWith(publicUrl) ? url.slice(publicUrl.length) : null;
    if (rest !== null && (rest === '' || '/?#'.includes(rest[0]))) return match;
    const bare = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    const hostEnd = bare.search(/[/?#]/);
    const [host, path] = hostEnd < 0 ? [bare, ''] : [bare.slice(0, hostEnd), bare.slice(hostEnd)];
    return `${host.split('.').join('[.]')}${path}${trailing}`;
  });
}

/** Subject "id / en"; the text in Indonesian, then English, each followed by the link. Only links to `publicUrl` stay links. */
export function composeMessage(
  n: {
    id: string;
    kind: string;
    email: string | null;
    organizationId: string | null;
    subject: Bilingual;
    body: Bilingual;
    link: string | null;
    /** How logs show the link, where the link is a credential. */
    loggedLink?: string;
  },
  publicUrl: string,
  /** Our own words after each language (the unsubscribe line): not user text, so links in it stay. */
  footer?: Bilingual,
): MailMessage {
  const compose = (link: string | null, body: Bilingual): string => {
    const part = (text: string, lang: keyof Bilingual): string => {
      const safe = unlinkForeignUrls(text, publicUrl);
      const withLink = link ? `${safe}\n\n${link}` : safe;
      return footer ? `${withLink}\n\n-- \n${footer[lang]}` : withLink;
    };
    return `${part(body.id, 'id')}\n\n----------\n\n${part(body.en, 'en')}\n`;
  };
  const text = compose(n.link, n.body);
  const hide = (value: string): string => (n.link && n.loggedLink ? value.split(n.link).join(n.loggedLink) : value);
  return {
    notificationId: n.id,
    kind: n.kind,
    to: n.email,
    organizationId: n.organizationId,
    subject: unlinkForeignUrls(`${n.subject.id} / ${n.subject.en}`, publicUrl),
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
      headers: { 'X-Kolabora-Notification': message.notificationId, ...message.headers },
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
