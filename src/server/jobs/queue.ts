import cronParser from 'cron-parser';
import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import { UNREPORTED } from '../db/change-feed.ts';
import { attachJobQueue, type Db, type JobQueue } from '../db/connection.ts';
import type { Tx } from '../db/transaction.ts';

/** Where schedules are read: every cron below is Stockholm wall-clock time, summer time included. */
export const TIME_ZONE = 'Europe/Stockholm';

/**
 * What to do with occurrences missed while no instance ran: `next-run` for work that takes all
 * that is due whenever it runs (the next occurrence covers the missed ones); `once-at-start` for
 * work tied to its occurrence (the daily sync): the latest missed occurrence runs once, five
 * minutes after an instance starts; the older ones are not repeated.
 */
export type MissedRule = 'next-run' | 'once-at-start';

export interface Schedule {
  queue: string;
  cron: string;
  missed: MissedRule;
}

export interface JobDefinition extends Schedule {
  /** The work; a throw is retried with back-off, then the job is kept as failed. */
  run: (occurrence: Date | null) => Promise<void>;
}

export interface Jobs {
  stop(): Promise<void>;
}

export interface JobsOptions {
  /** Whether this instance runs the schedules (every instance may; one sends each occurrence). */
  schedule?: boolean;
  /** How often an idle worker looks for work (pg-boss polls). */
  pollingSeconds?: number;
  /** How often the schedules are checked (pg-boss's cron monitor; its default 30 s). */
  cronSeconds?: number;
  /** The first retry's wait (then doubling): 30 s. */
  retryDelaySeconds?: number;
  /**
   * When the occurrences missed while down run: five minutes after start, not while users
   * return to a server that has just started (on PGlite every query shares one connection).
   */
  catchUpAfterSeconds?: number;
  onError?: (error: Error) => void;
}

/** The job queue's statements, run on the database's own connections and not reported as changes to the data. */
function queueConnection(db: Db | Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await db.executeQuery(
        CompiledQuery.raw(`${UNREPORTED} ${text}`, values ?? []),
      );
      return { rows: result.rows };
    },
  };
}

/** The occurrence of a schedule a job started at `at` belongs to (the latest at or before it). */
export function occurrenceOf(cron: string, at: Date): Date {
  return cronParser
    .parseExpression(cron, { tz: TIME_ZONE, currentDate: new Date(at.getTime() + 1000) })
    .prev()
    .toDate();
}

/**
 * Takes an occurrence of a schedule for this run: false when it already ran (another instance,
 * the catch-up at start), so each occurrence runs once per cluster. A run that fails gives it
 * back (`releaseOccurrence`), so its retry may take it.
 */
async function takeOccurrence(db: Db, schedule: string, occurrence: Date): Promise<boolean> {
  const result = await sql<{ one: number }>`
    INSERT INTO schedule_runs (schedule, occurrence) VALUES (${schedule}, ${occurrence})
    ON CONFLICT DO NOTHING RETURNING 1 AS one`.execute(db);
  return result.rows.length === 1;
}

async function releaseOccurrence(db: Db, schedule: string, occurrence: Date) {
  await sql`DELETE FROM schedule_runs WHERE schedule = ${schedule}
    AND occurrence = ${occurrence}`.execute(db);
}

/**
 * Starts the durable job queue (pg-boss, in the database's `pgboss` schema, on PGlite as on
 * PostgreSQL) with the given jobs and their schedules, and makes it known to the writers so they
 * can enqueue in their own transactions.
 */
export async function startJobs(
  db: Db,
  definitions: readonly JobDefinition[],
  options: JobsOptions = {},
): Promise<Jobs> {
  const retries = {
    retryLimit: 5,
    retryDelay: options.retryDelaySeconds ?? 30,
    retryBackoff: true,
  };
  const boss = new PgBoss({
    db: queueConnection(db),
    schema: 'pgboss',
    schedule: options.schedule ?? true,
    cronMonitorIntervalSeconds: options.cronSeconds ?? 30,
    cronWorkerIntervalSeconds: Math.max(1, Math.min(options.pollingSeconds ?? 5, 5)),
    // The schedules' clock is the database's; pg-boss warns past a minute of drift.
    clockMonitorIntervalMinutes: 10,
    supervise: true,
    ...retries,
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  for (const definition of definitions) {
    await boss.createQueue(definition.queue, {
      name: definition.queue,
      policy: 'short',
      ...retries,
    });
    await boss.work(
      definition.queue,
      { pollingIntervalSeconds: options.pollingSeconds ?? 5, batchSize: 1 },
      async ([job]) => {
        if (!job) return;
        if (definition.missed === 'next-run') return definition.run(null);
        const occurrence = occurrenceOf(definition.cron, new Date());
        if (!(await takeOccurrence(db, definition.queue, occurrence))) return;
        try {
          await definition.run(occurrence);
        } catch (error) {
          await releaseOccurrence(db, definition.queue, occurrence);
          throw error;
        }
      },
    );
    if (options.schedule ?? true)
      await boss.schedule(definition.queue, definition.cron, {}, { tz: TIME_ZONE, ...retries });
  }
  // Occurrences missed while down: the latest runs once, soon after start (takeOccurrence
  // keeps it once however many instances start).
  for (const definition of definitions)
    if (definition.missed === 'once-at-start')
      await boss.send(definition.queue, {}, { startAfter: options.catchUpAfterSeconds ?? 300 });
  const queue: JobQueue = {
    async enqueue(trx: Tx, name: string, data: Record<string, unknown> = {}) {
      await boss.send(name, data, { db: queueConnection(trx) });
    },
  };
  attachJobQueue(db, queue);
  return {
    async stop() {
      attachJobQueue(db, null);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
