import { sql } from 'kysely';
import { z } from 'zod';
import { publicAccess } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { loadMigrations } from '../../db/migrate.ts';
import { AppError } from '../../http/errors.ts';
import type { App } from '../../http/route-types.ts';

const Health = z.object({ status: z.literal('ok') });
const tags = ['operations'];

export function healthRoutes(app: App, db: Db) {
  const expectedVersion = Math.max(0, ...loadMigrations().map((m) => m.version));

  app.get('/healthz', {
    config: { access: publicAccess },
    schema: { tags, summary: 'The process is alive', response: { 200: Health } },
    handler: () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    config: { access: publicAccess },
    schema: {
      tags,
      summary: 'The database answers and its schema is current',
      response: { 200: Health },
    },
    handler: async () => {
      const row = await sql<{
        version: number | null;
      }>`SELECT max(version) AS version FROM schema_migrations`
        .execute(db)
        .catch(() => ({ rows: [] }));
      if (row.rows[0]?.version !== expectedVersion) {
        throw new AppError('unavailable');
      }
      return { status: 'ok' as const };
    },
  });
}
