import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  eventually,
  freshDatabase,
  type TestDatabase,
} from '../../../test/helpers/db.ts';
import { stockholmInstant, stockholmLocal } from '../../domain/dates.ts';
import { jobQueue, openDatabase, type Db } from '../db/connection.ts';
import { occurrenceOf, startJobs, type JobDefinition, type Jobs } from './queue.ts';

describe('the occurrence a scheduled run belongs to', () => {
  it('is the latest Stockholm occurrence at or before the run, across summer time', () => {
    const daily = '30 2 * * *';
    const at = (local: string) => stockholmLocal(occurrenceOf(daily, stockholmInstant(local)));
    expect(at('2026-12-04T02:30')).toBe('2026-12-04T02:30');
    expect(at('2026-12-04T02:29')).toBe('2026-12-03T02:30');
    expect(at('2026-12-04T23:00')).toBe('2026-12-04T02:30');
    // The night summer time ends, 02:30 happens twice: either run is the same day's occurrence.
    expect(at('2026-10-25T12:00').slice(0, 10)).toBe('2026-10-25');
    expect(at('2026-03-30T12:00')).toBe('2026-03-30T02:30');
  });
});

describe.each(BACKENDS)('the job queue on %s', (backend) => {
  let database: TestDatabase;
  let db: Db;
  const completed = async (queue: string) => {
    const result = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${queue} AND state = 'completed'`.execute(
      db,
    );
    return result.rows[0]?.n ?? 0;
  };
  const eventuallyAsync = async (ready: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 100; i++) {
      if (await ready()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never happened: ${what}`);
  };

  beforeAll(async () => {
    database = await freshDatabase(backend);
    db = database.db;
  });
  afterAll(async () => {
    await database.close();
  });

  it('runs a missed daily occurrence once for the cluster when two instances start', async () => {
    let runs = 0;
    const daily: JobDefinition[] = [
      {
        queue: 'test-daily',
        cron: '30 2 * * *',
        missed: 'once-at-start',
        run: () => {
          runs += 1;
          return Promise.resolve();
        },
      },
    ];
    const other = database.url ? await openDatabase({ databaseUrl: database.url }) : null;
    const started: Jobs[] = [];
    try {
      started.push(await startJobs(db, daily, { pollingSeconds: 0.5, catchUpAfterSeconds: 0 }));
      await eventually(() => runs > 0, 'the daily job ran');
      // A second instance starting (or this one restarting) enqueues the catch-up again: the
      // job runs and finds the occurrence taken.
      started.push(
        await startJobs(other?.db ?? db, daily, { pollingSeconds: 0.5, catchUpAfterSeconds: 0 }),
      );
      await eventuallyAsync(async () => (await completed('test-daily')) === 2, 'both jobs ran');
      expect(runs).toBe(1);
      const taken = await db.selectFrom('schedule_runs').selectAll().execute();
      expect(taken.map((row) => row.schedule)).toEqual(['test-daily']);
      expect(taken[0]?.occurrence).toEqual(occurrenceOf('30 2 * * *', new Date()));
    } finally {
      for (const jobs of started) await jobs.stop();
      await other?.close();
    }
  });

  it('retries an occurrence whose run failed, and keeps it once it succeeded', async () => {
    let attempts = 0;
    const flaky: JobDefinition[] = [
      {
        queue: 'test-flaky',
        cron: '0 3 * * *',
        missed: 'once-at-start',
        run: () => {
          attempts += 1;
          return attempts === 1
            ? Promise.reject(new Error('the first try fails'))
            : Promise.resolve();
        },
      },
    ];
    const jobs = await startJobs(db, flaky, {
      pollingSeconds: 0.5,
      retryDelaySeconds: 1,
      catchUpAfterSeconds: 0,
    });
    try {
      await eventuallyAsync(async () => (await completed('test-flaky')) === 1, 'the retry ran');
      expect(attempts).toBe(2);
      const taken = await db
        .selectFrom('schedule_runs')
        .select('occurrence')
        .where('schedule', '=', 'test-flaky')
        .execute();
      expect(taken).toEqual([{ occurrence: occurrenceOf('0 3 * * *', new Date()) }]);
    } finally {
      await jobs.stop();
    }
  });

  it('enqueues a job with the transaction that causes it: never when it rolls back', async () => {
    const seen: string[] = [];
    const jobs = await startJobs(
      db,
      [
        {
          queue: 'test-nudge',
          cron: '0 0 1 1 *',
          missed: 'next-run',
          run: () => Promise.resolve(void seen.push('ran')),
        },
      ],
      { pollingSeconds: 0.5, schedule: false },
    );
    try {
      await expect(
        db.transaction().execute(async (trx) => {
          await jobQueue(trx)?.enqueue(trx, 'test-nudge');
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(seen).toEqual([]);
      await db.transaction().execute(async (trx) => {
        await jobQueue(trx)?.enqueue(trx, 'test-nudge');
      });
      await eventually(() => seen.length === 1, 'the committed job ran');
    } finally {
      await jobs.stop();
    }
    expect(jobQueue(db)).toBeNull();
  });
});
