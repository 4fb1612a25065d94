import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, accessFixture, MISSING, type AccessFixture, type ActorName } from './fixture.ts';
import { bookingOf, grantOf, prepareRoutes, PUBLIC, ROWS, type Request } from './routes.ts';

/**
 * Every registered route × every role × an object in the role's scope, out of it, and of
 * another municipality. Allowed in scope; out of scope and in the other municipality the very
 * same answer as for an object that does not exist; a role that may not act, that same answer or
 * 403. A route registered without its row in routes.ts fails the test.
 */
describe('the access matrix: every route, every role, in scope, out of scope, another municipality', () => {
  let fixture: AccessFixture;
  beforeAll(async () => {
    fixture = await accessFixture('pglite');
    await prepareRoutes(fixture);
  });
  afterAll(() => fixture?.t.close());

  it('has a row for every registered route', () => {
    const routes = fixture.t.app.registeredRoutes
      .filter((r) => r.method !== 'HEAD' && r.access?.kind !== 'public')
      .map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((route) => !(route in ROWS));
    expect(missing, 'routes without a row in the access matrix').toEqual([]);
    const stale = Object.keys(ROWS).filter((row) => !routes.includes(row));
    expect(stale, 'rows for routes that do not exist').toEqual([]);
    const publicRoutes = fixture.t.app.registeredRoutes.filter((r) => r.access?.kind === 'public');
    for (const route of publicRoutes) expect(route.url).toMatch(PUBLIC);
  });

  it('checks every JSON answer against its contract (only files and the API docs have none)', () => {
    const files =
      /^\/api\/docs|^\/api\/openapi\.json$|\/export$|\.pdf$|\.ics$|^\/calendar\/|^\/api\/evidence\//;
    const unchecked = fixture.t.app.registeredRoutes
      .filter((r) => r.method !== 'HEAD' && !r.hasResponseSchema && !files.test(r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(unchecked, 'JSON routes without a response schema').toEqual([]);
  });

  const send = async (actor: ActorName, request: Request, cookie?: string) => {
    const response = await fixture.t.app.inject({
      method: request.method,
      url: request.url,
      ...(request.payload === undefined
        ? {}
        : {
            payload:
              typeof request.payload === 'string' ? request.payload : (request.payload as object),
          }),
      headers: { cookie: cookie ?? fixture.cookies[actor], ...request.headers },
    });
    const json = response.headers['content-type']?.toString().startsWith('application/json');
    return { status: response.statusCode, body: json ? response.json<unknown>() : null };
  };

  it.each(Object.keys(ROWS))('%s', async (route) => {
    const row = ROWS[route]!;
    for (const actor of ACTORS) {
      const allowed = row.allow === 'all' || row.allow.includes(actor);
      const cookie = row.freshLogin ? await freshCookie(actor) : undefined;
      const label = `${route} as ${actor}`;
      if (!row.kind) {
        const answer = await send(actor, row.request('', fixture), cookie);
        if (allowed)
          expect([401, 403, 404, 500], `${label}: ${JSON.stringify(answer.body)}`).not.toContain(
            answer.status,
          );
        else expect([403, 404], label).toContain(answer.status);
        continue;
      }
      const kind = row.kind(fixture);
      const missing = await send(
        actor,
        row.request(MISSING, fixture),
        cookie ?? (row.freshLogin ? await freshCookie(actor) : undefined),
      );
      const inScope = kind.inScope(actor);
      if (inScope) {
        await prepare(route, inScope);
        const answer = await send(
          actor,
          row.request(inScope, fixture),
          row.freshLogin ? await freshCookie(actor) : undefined,
        );
        if (allowed) {
          expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).not.toBe(500);
          expect([401, 403], `${label}: ${JSON.stringify(answer.body)}`).not.toContain(
            answer.status,
          );
          expect(answer, `${label} answers like a missing object`).not.toEqual(missing);
        } else if (answer.status !== 403) {
          expect(answer, `${label} (not allowed) must look missing`).toEqual(missing);
        }
      }
      const outside = kind.outOfScope(actor);
      if (outside) {
        await prepare(route, outside);
        const answer = await send(
          actor,
          row.request(outside, fixture),
          row.freshLogin ? await freshCookie(actor) : undefined,
        );
        if (answer.status !== 403 || allowed)
          expect(answer, `${label}, out of scope, must look missing`).toEqual(missing);
      }
      const foreign = await send(
        actor,
        row.request(kind.foreign, fixture),
        row.freshLogin ? await freshCookie(actor) : undefined,
      );
      if (foreign.status !== 403 || allowed)
        expect(foreign, `${label}, another municipality's object, must look missing`).toEqual(
          missing,
        );
    }
    // The other municipality's own administrator sees nothing of this one either.
    if (row.kind) {
      const kind = row.kind(fixture);
      const target = kind.inScope('admin');
      if (target) {
        await prepare(route, target);
        const answer = await send('admin', row.request(target, fixture), fixture.foreignAdmin);
        const missing = await send('admin', row.request(MISSING, fixture), fixture.foreignAdmin);
        expect(answer, `${route} from the other municipality`).toEqual(missing);
      }
    }
  });

  /**
   * Bookings to cancel and grants to withdraw are made afresh for each check (a cancelled or
   * withdrawn one answers differently); a grant to add is withdrawn first.
   */
  async function prepare(route: string, id: string) {
    if (route === 'DELETE /api/sessions/:id/bookings/:bookingId')
      bookingOf.set(id, await fixture.booking(id));
    if (route === 'DELETE /api/users/:id/grants/:grantId') grantOf.set(id, await fixture.grant(id));
    if (route === 'POST /api/users/:id/grants') await fixture.withdrawTrainer(id);
  }

  async function freshCookie(actor: ActorName) {
    const response = await fixture.t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: actor, password: 'Tryggve-demo-2026', tenant: 'demo' },
      remoteAddress: `10.9.${ACTORS.indexOf(actor)}.${Math.floor(Math.random() * 250)}`,
    });
    const cookie = response.cookies[0];
    if (!cookie) throw new Error(`login ${actor}: ${response.body}`);
    return `${cookie.name}=${cookie.value}`;
  }
});
