import { loadConfig } from '../server/config.ts';
import { buildApp } from '../server/app.ts';
import { openDatabase } from '../server/db/connection.ts';
import { migrate } from '../server/db/migrate.ts';
import { refreshStatistics } from '../server/db/statistics.ts';
import { existingDemoLogins, seedDemo } from '../server/features/demo/seed.ts';
import { jobDefinitions } from '../server/jobs/definitions.ts';
import { startJobs } from '../server/jobs/queue.ts';
import { listTenants } from '../server/features/tenants/service.ts';
import { loggerOptions } from '../server/http/logger.ts';
import { say } from './language.ts';
import { printDemoLogins, printDemoSummary } from './output.ts';

/**
 * Starts the server: migrate (under a lock, safe with several instances), seed the demo
 * municipality when the embedded database is empty, start the job queue and its schedules,
 * listen, and shut down gracefully.
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
  // PGlite has no autovacuum: the planner's statistics are refreshed at start (and daily).
  if (handle.kind === 'pglite') await refreshStatistics(handle.db);
  const app = await buildApp(handle.db, config, loggerOptions(config.logLevel));
  if (config.mail.smtpProblem) console.error(say(`smtp_${config.mail.smtpProblem}`));
  const jobs = await startJobs(handle.db, jobDefinitions(handle, config, app.log), {
    onError: (error) => app.log.error({ err: error }, 'job queue'),
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await jobs.stop();
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
