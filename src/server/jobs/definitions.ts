import { stockholmDate } from '../../domain/dates.ts';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { refreshStatistics } from '../db/statistics.ts';
import { managerRollup } from '../features/home/public.ts';
import { sessionReminders, trainerDigest } from '../features/sessions/public.ts';
import { DELIVER_QUEUE, deliveryWork, smtpTransport } from '../features/notifications/public.ts';
import {
  approvalDigest,
  personalReminders,
  syncAllTenants,
} from '../features/programmes/public.ts';
import type { JobDefinition } from './queue.ts';

export const DAILY_SYNC_QUEUE = 'daily-sync';
export const WEEKLY_DIGESTS_QUEUE = 'weekly-digests';
export const DAILY_REMINDERS_QUEUE = 'daily-reminders';

/** Tryggve's jobs and their schedules (Stockholm time), run by `startJobs` in every instance. */
export function jobDefinitions(
  handle: DatabaseHandle,
  config: Pick<Config, 'publicUrl' | 'mail'>,
  log: { info(data: object, message: string): void },
): JobDefinition[] {
  return [
    {
      queue: DELIVER_QUEUE,
      cron: '* * * * *',
      missed: 'next-run',
      run: deliveryWork(handle.db, {
        baseUrl: config.publicUrl.replace(/\/$/, ''),
        mail: config.mail,
        transport: smtpTransport(config.mail),
      }),
    },
    {
      // Audiences change with the calendar too (an employment ends, "new hires within 90 days").
      queue: DAILY_SYNC_QUEUE,
      cron: '30 2 * * *',
      missed: 'once-at-start',
      run: async (occurrence) => {
        const counts = await syncAllTenants(handle.db, stockholmDate(occurrence ?? new Date()));
        // PGlite has no autovacuum: the planner's statistics are refreshed daily too (bulk
        // changes refresh what they make stale; small ones add up).
        if (handle.kind === 'pglite') await refreshStatistics(handle.db);
        log.info({ counts }, 'assignments synced');
      },
    },
    {
      // Early morning, after the sync and before the default 07:00 digest: each person's due
      // soon and overdue, each approver's waiting reports, tomorrow's sessions.
      queue: DAILY_REMINDERS_QUEUE,
      cron: '0 6 * * *',
      missed: 'once-at-start',
      run: async () => {
        const now = new Date();
        const written = {
          personal: await personalReminders(handle.db, now),
          approvals: await approvalDigest(handle.db, now),
          sessions: await sessionReminders(handle.db, now),
        };
        log.info({ written }, 'daily reminders');
      },
    },
    {
      // Monday morning: each manager's overdue people and each trainer's week, one notice each
      // (the week is in the dedup key).
      queue: WEEKLY_DIGESTS_QUEUE,
      cron: '0 6 * * 1',
      missed: 'once-at-start',
      run: async () => {
        const now = new Date();
        const written = {
          managers: await managerRollup(handle.db, now),
          trainers: await trainerDigest(handle.db, now),
        };
        log.info({ written }, 'weekly digests');
      },
    },
  ];
}
