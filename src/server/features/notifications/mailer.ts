import nodemailer from 'nodemailer';
import type { MailConfig } from '../../config.ts';
import type { MailTransport } from './delivery.ts';

/** The SMTP transport `SMTP_URL` names, or null when there is none or it cannot be used. */
export function smtpTransport(mail: MailConfig): MailTransport | null {
  if (mail.smtpUrl === null || mail.smtpProblem !== null) return null;
  return nodemailer.createTransport({
    url: mail.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
