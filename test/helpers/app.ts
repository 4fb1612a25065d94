import { buildApp, type AppConfig } from '../../src/server/app.ts';
import { seedDemo, type SeedResult } from '../../src/server/features/demo/seed.ts';
import { DEMO_PASSWORD } from '../../src/server/features/demo/generator.ts';
import { freshDatabase, type Backend, type TestDatabase } from './db.ts';

export const TEST_CONFIG: AppConfig = {
  publicUrl: 'http://localhost:3000',
  trustProxy: false,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  webDir: null,
};

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

/** A small demo municipality behind an app, for API tests. */
export async function seededApp(
  backend: Backend,
  config: Partial<AppConfig> = {},
  clock?: () => Date,
) {
  const database: TestDatabase = await freshDatabase(backend);
  const seed: SeedResult = await seedDemo(database.db, { employees: 150, seed: 7 });
  const app = await buildApp(database.db, { ...TEST_CONFIG, ...config }, false, clock);
  return {
    app,
    database,
    db: database.db,
    seed,
    /** Signs in as a demo login and returns the Cookie header to send. */
    async login(username: string, password = DEMO_PASSWORD): Promise<string> {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (response.statusCode !== 204)
        throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies[0];
      if (!cookie) throw new Error('login set no cookie');
      return `${cookie.name}=${cookie.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
