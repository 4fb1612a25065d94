import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../test/helpers/app.ts';
import { BACKENDS, followingChanges } from '../../test/helpers/db.ts';
import { buildApp } from './app.ts';
import { TEST_CONFIG } from '../../test/helpers/app.ts';
import { changeFeed, openDatabase, type DatabaseHandle } from './db/connection.ts';

describe('the HTTP surface', () => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  beforeAll(async () => {
    t = await seededApp('pglite', { webDir: 'dist/web' });
  });
  afterAll(() => t.close());

  it('gives every registered route an access policy (deny by default)', () => {
    const routes = t.app.registeredRoutes;
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes
      .filter((route) => !route.access)
      .map((route) => `${route.method} ${route.url}`);
    expect(missing).toEqual([]);
    const publicRoutes = routes
      .filter((r) => r.access?.kind === 'public')
      .map((r) => `${r.method} ${r.url}`);
    for (const route of publicRoutes) {
      expect(route).toMatch(
        // The calendar feed is keyed by its unguessable token (a calendar app cannot sign in).
        /^(GET|HEAD) (\/healthz|\/readyz|\/api\/docs.*|\/api\/openapi\.json|\/api\/auth\/options|\/calendar\/:file|\/assets\/\*|\/\*)$|^POST \/api\/auth\/login$/,
      );
    }
  });

  it('serves an OpenAPI document and its explorer', async () => {
    const doc = await t.app.inject({ url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/org', '/api/org/units/{id}']),
    );
    const explorer = await t.app.inject({ url: '/api/docs/' });
    expect(explorer.statusCode).toBe(200);
    expect(explorer.headers['content-type']).toContain('text/html');
  });

  it('sends security headers and a strict content security policy', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers health and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ok' });
  });

  it('answers unknown API paths with the JSON error body, other paths with the web app', async () => {
    const api = await t.app.inject({ url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    const page = await t.app.inject({ url: '/organisation/enheter/x' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
  });
});

describe.each(BACKENDS.filter((b) => b === 'postgres'))('several instances on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  let second: DatabaseHandle;
  let other: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await seededApp(backend);
    second = await openDatabase({ databaseUrl: t.database.url ?? '' });
    other = await buildApp(second.db, TEST_CONFIG);
    await followingChanges(t.database.db);
  });
  afterAll(async () => {
    await other.close();
    await second.close();
    await t.close();
  });
  const me = (app: typeof other, cookie: string) =>
    app.inject({ url: '/api/auth/me', headers: { cookie } }).then((r) => r.statusCode);
  /** Until another instance's change has reached the first one (a few milliseconds after commit). */
  const arrived = () => changeFeed(t.database.db)?.settled();

  it('share sessions through the database: sign in on one, continue on another', async () => {
    const cookie = await t.login('strateg');
    expect(await me(other, cookie)).toBe(200);
    // The first instance now keeps the session; signing out on the other must still end it there.
    expect(await me(t.app, cookie)).toBe(200);
    await other.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    await arrived();
    expect(await me(t.app, cookie)).toBe(401);
  });

  it('end a disabled account and a withdrawn role on every instance', async () => {
    const cookie = await t.login('admin');
    const imports = () =>
      t.app.inject({ url: '/api/imports', headers: { cookie } }).then((r) => r.statusCode);
    expect(await imports()).toBe(200);
    await second.db
      .deleteFrom('role_grants')
      .where('user_id', 'in', (eb) =>
        eb.selectFrom('users').select('id').where('username', '=', 'admin'),
      )
      .where('role', '=', 'administrator')
      .execute();
    await arrived();
    expect(await imports()).toBe(403);

    await second.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('username', '=', 'admin')
      .execute();
    await arrived();
    expect(await me(t.app, cookie)).toBe(401);
  });
});
