import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { stockholmDate } from '../src/domain/dates.ts';
import type { TenantId } from '../src/domain/ids.ts';
import { buildApp } from '../src/server/app.ts';
import { DEMO_PASSWORD } from '../src/server/features/demo/generator.ts';
import type { BenchContext, BenchOptions } from './context.ts';
import { benchDatabase } from './database.ts';
import type { Measurement } from './measure.ts';
import { concurrencyScenario } from './scenarios/concurrency.ts';
import { dashboardScenario } from './scenarios/dashboard.ts';
import { MUNICIPALITIES, nationalScenario } from './scenarios/national.ts';
import { peopleImportScenario } from './scenarios/people-import.ts';
import { seedScenario } from './scenarios/seed.ts';
import { missingScenario, missingSetup } from './scenarios/missing.ts';
import { bookingRush, sessionsSetup } from './scenarios/sessions.ts';
import { syncScenario } from './scenarios/sync.ts';
import { startServerProcess } from './server.ts';

export const DEFAULT_OPTIONS: BenchOptions = {
  employees: 56_000,
  runs: 5,
  warmup: 1,
  concurrencySeconds: 10,
  connections: [50, 200],
  seed: 20_261_123,
  national: false,
  municipalities: MUNICIPALITIES,
};

const APP_CONFIG = {
  publicUrl: 'http://127.0.0.1',
  trustProxy: false,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  webDir: null,
};

export const met = (m: Measurement): boolean | null =>
  m.targetMs === undefined
    ? null
    : (m.targetOn === 'p95' ? m.p95 : m.median) <= m.targetMs && !m.errors;

/** Runs every scenario on a fresh database and returns the measurements and their checks. */
export async function runBench(options: BenchOptions, databaseUrl = process.env.DATABASE_URL) {
  const today = stockholmDate(new Date());
  const { handle, serverEnv, release, cleanup } = await benchDatabase(databaseUrl || undefined);
  try {
    const seeded = await seedScenario(handle.db, options.employees, options.seed, today);
    const tenant = await handle.db
      .selectFrom('tenants')
      .select(['id', 'code'])
      .executeTakeFirstOrThrow();
    const context: BenchContext = {
      db: handle.db,
      kind: handle.kind,
      tenantId: tenant.id as TenantId,
      options,
      today,
    };
    const people = await peopleImportScenario(context);
    const sync = await syncScenario(context);
    const app = await buildApp(handle.db, APP_CONFIG);
    const login = async (username: string) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        // By code: with the national scenario's municipalities, a sign-in must name its own.
        payload: { tenant: tenant.code, username, password: DEMO_PASSWORD },
      });
      const cookie = response.cookies[0];
      if (!cookie) throw new Error(`bench could not sign in as ${username}`);
      return `${cookie.name}=${cookie.value}`;
    };
    const owner = await login('strateg');
    const dashboard = await dashboardScenario(context, app, owner);
    const national =
      options.national && handle.kind === 'postgres'
        ? await nationalScenario(context, app, owner, {
            cold: dashboard.measurements[0] as Measurement,
            warm: dashboard.measurements[1] as Measurement,
          })
        : null;
    const sessions = await sessionsSetup(context, app, owner);
    // Last: the database is handed to a server process of its own (PGlite: one process at a time).
    const programme = await handle.db
      .selectFrom('programmes')
      .select('id')
      .where('code', '=', 'VNR-2025')
      .executeTakeFirstOrThrow();
    const missingTarget = await missingSetup(context);
    await app.close();
    await release();
    const server = await startServerProcess(serverEnv, tenant.code);
    const { concurrency, rush, missing } = await (async () => {
      try {
        return {
          concurrency: await concurrencyScenario(options, handle.kind, server, programme),
          missing: await missingScenario(options, server, missingTarget),
          rush: await bookingRush(server, Math.max(...options.connections), sessions.rush),
        };
      } finally {
        await server.stop();
      }
    })();
    const measurements = [
      seeded.measurement,
      ...people.measurements,
      ...sync.measurements,
      ...dashboard.measurements,
      ...concurrency.measurements,
      ...sessions.measurements,
      rush.measurement,
      ...missing.measurements,
      ...(national?.measurements ?? []),
    ];
    return {
      date: new Date().toISOString(),
      backend: handle.kind,
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(totalmem() / 1024 ** 3),
        node: process.version,
      },
      options,
      measurements,
      checks: {
        seeded: seeded.result,
        importFile: people.file,
        importPreview: people.preview,
        importAgain: people.again,
        syncProgrammes: sync.programmes,
        syncLastRuleChange: sync.lastRuleChange,
        dashboardRatio: dashboard.ratio,
        dashboardMismatches: dashboard.mismatches,
        dashboardNodes: dashboard.nodes,
        dashboardBytes: dashboard.bytes,
        concurrency: concurrency.summaries,
        serverPeakRssMb: concurrency.serverPeakRssMb,
        bookingRush: rush.check,
        missing: missing.check,
        national: national && {
          employees: national.employees,
          coldRatio: national.coldRatio,
          warmRatio: national.warmRatio,
        },
      },
    };
  } finally {
    await cleanup();
  }
}

export type BenchResult = Awaited<ReturnType<typeof runBench>>;

/** The table printed after a run (and pasted into docs/BENCHMARKS.md). */
export function formatTable(result: BenchResult): string {
  const lines = [
    `Tryggve bench — ${result.backend}, ${result.options.employees.toLocaleString('en')} employees, ${result.machine.cpus} cores, Node ${result.machine.node}`,
    '',
    '| Scenario | Measurement | Median ms | p95 ms | Peak RSS MB | Target | Met |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const m of result.measurements) {
    const verdict = met(m);
    lines.push(
      `| ${m.scenario} | ${m.name}${m.note ? ` (${m.note})` : ''} | ${m.median} | ${m.p95} | ${m.peakRssMb} | ${m.targetMs === undefined ? '' : `≤ ${m.targetMs} ms${m.targetOn === 'p95' ? ' p95' : ''}`} | ${verdict === null ? '' : verdict ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n');
}

/** Writes `bench/results/<date>.json` and returns its path. */
export function saveResult(result: BenchResult, dir = join('bench', 'results')): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.date.slice(0, 19).replaceAll(':', '-')}-${result.backend}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
