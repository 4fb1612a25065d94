import { stockholmDate } from '../domain/dates.ts';
import { loadConfig } from '../server/config.ts';
import { buildApp } from '../server/app.ts';
import { openDatabase } from '../server/db/connection.ts';
import { migrate } from '../server/db/migrate.ts';
import { refreshStatistics } from '../server/db/statistics.ts';
import { existingDemoLogins, seedDemo } from '../server/features/demo/seed.ts';
import { syncAllTenants } from '../server/features/programmes/sync.ts';
import { listTenants } from '../server/features/tenants/service.ts';
import { loggerOptions } from '../server/http/logger.ts';
import { say } from './language.ts';
import { printDemoLogins, printDemoSummary } from './output.ts';

/** Audiences also change with the calendar; every instance re-syncs daily (under a lock). */
const SYNC_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Starts the server: migrate (under a lock, safe with several instances), seed the demo
 * municipality when the embedded database is empty, listen, and shut down gracefully.
 */
export async function serve(options: { seedDemoIfEmpty: boolean }) {
  const config = loadConfig();
  const handle = await openDatabase(config.database);
  await migrate(handle.db);
  if (options.seedDemoIfEmpty && (await listTenants(handle.db)).length === 0) {
    console.log(say('firstStart'));
    const seeded = await seedDemo(handle.db);
    printDemoSummary(seeded);
    printDemoLogins(seeded);
  } else if (options.seedDemoIfEmpty) {
    const existing = await existingDemoLogins(handle.db);
    if (existing) printDemoLogins(existing);
  }
  const app = await buildApp(handle.db, config, loggerOptions(config.logLevel));
  const dailySync = async () => {
    try {
      const counts = await syncAllTenants(handle.db, stockholmDate(new Date()));
      // PGlite has no autovacuum: the planner's statistics are refreshed at start and daily
      // (bulk changes refresh what they make stale; small ones add up).
      if (handle.kind === 'pglite') await refreshStatistics(handle.db);
      app.log.info({ counts }, 'assignments synced');
    } catch (error) {
      app.log.error({ err: error }, 'assignment sync failed');
    }
  };
  await dailySync();
  const timer = setInterval(() => void dailySync(), SYNC_INTERVAL_MS);
  timer.unref();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(timer);
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(
    say('running', { url: config.publicUrl, kind: handle.kind, location: handle.location }),
  );
}
