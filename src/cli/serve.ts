import { loadConfig } from '../server/config.ts';
import { buildApp } from '../server/app.ts';
import { openDatabase } from '../server/db/connection.ts';
import { migrate } from '../server/db/migrate.ts';
import { seedDemo } from '../server/features/demo/seed.ts';
import { listTenants } from '../server/features/tenants/service.ts';
import { loggerOptions } from '../server/http/logger.ts';
import { printDemoLogins } from './output.ts';

/**
 * Starts the server: migrate (under a lock, safe with several instances), seed the demo
 * municipality when the embedded database is empty, listen, and shut down gracefully.
 */
export async function serve(options: { seedDemoIfEmpty: boolean }) {
  const config = loadConfig();
  const handle = await openDatabase(config.database);
  await migrate(handle.db);
  if (options.seedDemoIfEmpty && (await listTenants(handle.db)).length === 0) {
    console.log('First start: creating the demo municipality (about 2,000 employees)…');
    printDemoLogins(await seedDemo(handle.db));
  }
  const app = await buildApp(handle.db, config, loggerOptions(config.logLevel));
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `Tryggve is running at ${config.publicUrl} (database: ${handle.kind}, ${handle.location})`,
  );
}
