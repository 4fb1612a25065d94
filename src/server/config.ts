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
  return {
    port,
    host: env.HOST ?? 'localhost',
    database: databaseTarget(env),
    publicUrl: env.TRYGGVE_PUBLIC_URL ?? `http://localhost:${port}`,
    trustProxy: env.TRYGGVE_TRUST_PROXY === 'true',
    sessionIdleMinutes: positiveNumber(env, 'TRYGGVE_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: positiveNumber(env, 'TRYGGVE_SESSION_ABSOLUTE_HOURS', 12),
    logLevel: env.LOG_LEVEL ?? 'warn',
    webDir: resolve(env.TRYGGVE_WEB_DIR ?? 'dist/web'),
  };
}
