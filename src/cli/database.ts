import { databaseTarget } from '../server/config.ts';
import { openDatabase, type DatabaseHandle } from '../server/db/connection.ts';
import { migrate } from '../server/db/migrate.ts';

/** Opens the database named by DATABASE_URL / TRYGGVE_DATA_DIR, migrated, for one command. */
export async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(databaseTarget());
  try {
    await migrate(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}
