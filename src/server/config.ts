import { resolve } from 'node:path';
import type { DatabaseTarget } from './db/connection.ts';

export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  /** The address users reach; https here turns on Secure `__Host-` cookies. */
  publicUrl: string;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  logLevel: string;
  /** Where the built web app lives; absent in API-only tests. */
  webDir: string | null;
  mail: MailConfig;
}

export interface MailConfig {
  /** `SMTP_URL` (smtp:// or smtps://); null: mail stays in the outbox the administrator reads. */
  smtpUrl: string | null;
  /** Why `SMTP_URL` cannot be used (said at start and in the administrator's outbox), or null. */
  smtpProblem: SmtpProblem | null;
  /** `MAIL_FROM`, the sender mails show. */
  from: string;
}

/** `scheme`: not smtp:// or smtps://; `host`: no mail server named; `syntax`: not an address. */
export type SmtpProblem = 'scheme' | 'host' | 'syntax';

/** Reads the mail settings; a bad `SMTP_URL` is reported, never a crash (mail then waits). */
export function mailConfig(env: Env, publicUrl: string): MailConfig {
  const raw = env.SMTP_URL?.trim() ?? '';
  let smtpProblem: SmtpProblem | null = null;
  if (raw !== '') {
    try {
      const url = new URL(raw);
      if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') smtpProblem = 'scheme';
      else if (url.hostname === '') smtpProblem = 'host';
    } catch {
      smtpProblem = 'syntax';
    }
  }
  let host = 'localhost';
  try {
    host = new URL(publicUrl).hostname;
  } catch {
    // An unusable public URL: the sender names localhost.
  }
  return {
    smtpUrl: raw === '' ? null : raw,
    smtpProblem,
    from: env.MAIL_FROM?.trim() || `Tryggve <no-reply@${host}>`,
  };
}

type Env = Record<string, string | undefined>;

function positiveNumber(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

export function databaseTarget(env: Env = process.env): DatabaseTarget {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: resolve(env.TRYGGVE_DATA_DIR ?? 'data') };
}

export function loadConfig(env: Env = process.env): Config {
  const port = positiveNumber(env, 'PORT', 3000);
  const publicUrl = env.TRYGGVE_PUBLIC_URL ?? `http://localhost:${port}`;
  return {
    port,
    host: env.HOST ?? 'localhost',
    database: databaseTarget(env),
    publicUrl,
    trustProxy: env.TRYGGVE_TRUST_PROXY === 'true',
    sessionIdleMinutes: positiveNumber(env, 'TRYGGVE_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: positiveNumber(env, 'TRYGGVE_SESSION_ABSOLUTE_HOURS', 12),
    logLevel: env.LOG_LEVEL ?? 'warn',
    webDir: resolve(env.TRYGGVE_WEB_DIR ?? 'dist/web'),
    mail: mailConfig(env, publicUrl),
  };
}
