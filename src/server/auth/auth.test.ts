import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../test/helpers/app.ts';
import { BACKENDS, followingChanges } from '../../../test/helpers/db.ts';
import { DEMO_PASSWORD } from '../features/demo/generator.ts';
import { buildApp } from '../app.ts';
import { loggerOptions } from '../http/logger.ts';
import { createTenant } from '../features/tenants/service.ts';
import { createUser } from '../features/users/service.ts';
import { changeFeed } from '../db/connection.ts';
import { createAuthService, hashToken, MAX_FAILURES } from './service.ts';

describe.each(BACKENDS)('accounts and sessions on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  beforeAll(async () => {
    t = await seededApp(backend);
  });
  afterAll(() => t.close());

  const login = (payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: payload as Record<string, unknown>,
    });

  it('signs in with a server-side session in an HttpOnly, SameSite cookie', async () => {
    const response = await login({ username: 'admin', password: DEMO_PASSWORD });
    expect(response.statusCode).toBe(204);
    const cookie = response.cookies[0];
    expect(cookie).toMatchObject({
      name: 'tryggve_session',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
    const stored = await t.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie?.value);
    const me = await t.app.inject({
      url: '/api/auth/me',
      headers: { cookie: `tryggve_session=${cookie?.value}` },
    });
    expect(me.json()).toMatchObject({
      user: { username: 'admin' },
      tenant: { code: 'demo' },
      grants: [{ role: 'administrator' }],
    });
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const wrong = await login({ username: 'chef', password: 'not the password' });
    const unknown = await login({ username: 'nobody', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({
      error: { code: 'invalid_credentials', message: 'The username or password is wrong.' },
    });
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
    for (let i = 0; i < MAX_FAILURES; i++)
      await login({ username: 'sakerhet', password: 'wrong password' });
    const blocked = await login({ username: 'sakerhet', password: DEMO_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_attempts');
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('limits sign-in attempts per client address, whatever the account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.8.7',
        payload: { username: `guess${i}`, password: 'wrong password' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
  });

  it('rejects unknown fields, malformed JSON and oversized bodies with a clear error', async () => {
    const extra = await login({ username: 'admin', password: DEMO_PASSWORD, admin: true });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(extra.json().error.details)).toContain('admin');

    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');

    const missing = await login({ username: 'admin' });
    expect(missing.json().error.details).toEqual([
      expect.objectContaining({ path: 'body.password' }),
    ]);
  });

  it('ends the session on logout', async () => {
    const cookie = await t.login('chef');
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('expires idle sessions and sessions past their absolute lifetime', async () => {
    const idle = await t.login('anstalld');
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .execute();
    const idleResponse = await t.app.inject({ url: '/api/auth/me', headers: { cookie: idle } });
    expect(idleResponse.statusCode).toBe(401);
    expect(idleResponse.json().error.code).toBe('session_expired');

    const old = await t.login('anstalld');
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const oldResponse = await t.app.inject({ url: '/api/auth/me', headers: { cookie: old } });
    expect(oldResponse.json().error.code).toBe('session_expired');
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('marks a session as used at most once a minute, without dropping the sessions kept in memory', async () => {
    const auth = createAuthService(t.db, { idleMinutes: 30, absoluteHours: 12 });
    const { token } = await auth.login({ username: 'utbildare', password: DEMO_PASSWORD });
    const lastSeen = async () =>
      (
        await t.db
          .selectFrom('sessions')
          .select('last_seen_at')
          .where('token_hash', '=', hashToken(token))
          .executeTakeFirstOrThrow()
      ).last_seen_at.getTime();
    const start = Date.now();
    const at = (minutes: number) => new Date(start + minutes * 60_000);
    expect((await auth.resolveSession(token, at(0))).state).toBe('active');
    await followingChanges(t.db);
    const feed = changeFeed(t.db);
    const mark = feed?.mark() ?? -1;
    expect((await auth.resolveSession(token, at(2))).state).toBe('active');
    expect(await lastSeen()).toBe(at(2).getTime());
    expect(feed?.changedSince(mark)).toBe(false);
    // Half a minute later: the kept session knows it was just marked, so no second write.
    expect((await auth.resolveSession(token, at(2.5))).state).toBe('active');
    expect(await lastSeen()).toBe(at(2).getTime());
    // Idle for the whole 30 minutes since the mark: over.
    expect((await auth.resolveSession(token, at(32))).state).toBe('expired');
  });

  it('answers unauthenticated requests with 401 and a stable error body', async () => {
    const response = await t.app.inject({ url: '/api/org' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'unauthenticated', message: 'You need to sign in.' },
    });
    const forged = await t.app.inject({
      url: '/api/org',
      headers: { cookie: 'tryggve_session=forged' },
    });
    expect(forged.statusCode).toBe(401);
  });
});

describe('cookies and logs', () => {
  it('uses a Secure __Host- cookie when served over HTTPS', async () => {
    const t = await seededApp('pglite', { publicUrl: 'https://tryggve.example.se' });
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      expect(response.cookies[0]).toMatchObject({
        name: '__Host-tryggve_session',
        secure: true,
        path: '/',
      });
      expect(response.headers['strict-transport-security']).toBeDefined();
    } finally {
      await t.close();
    }
  });

  it('never writes passwords, cookies or session tokens to the log', async () => {
    const t = await seededApp('pglite');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildApp(
      t.db,
      {
        publicUrl: 'http://localhost',
        trustProxy: false,
        sessionIdleMinutes: 30,
        sessionAbsoluteHours: 12,
        webDir: null,
      },
      {
        ...(loggerOptions('trace') as object),
        stream,
      },
    );
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      const token = response.cookies[0]?.value ?? 'missing';
      await app.inject({ url: '/api/auth/me', headers: { cookie: `tryggve_session=${token}` } });
      const log = lines.join('');
      expect(log).toContain('/api/auth/me');
      expect(log).not.toContain(DEMO_PASSWORD);
      expect(log).not.toContain(token);
    } finally {
      await app.close();
      await t.close();
    }
  });
});

describe('several municipalities in one deployment', () => {
  it('asks for the municipality at sign-in and keeps accounts apart', async () => {
    const t = await seededApp('pglite');
    try {
      const other = await createTenant(t.db, 'grannby', 'Grannby kommun');
      await createUser(t.db, other, {
        username: 'admin',
        displayName: 'Grannbys admin',
        password: 'grannby-losenord',
        role: 'administrator',
      });
      const options = await t.app.inject({ url: '/api/auth/options' });
      expect(options.json()).toEqual({
        tenantRequired: true,
        tenants: [
          { code: 'grannby', name: 'Grannby kommun' },
          { code: 'demo', name: 'Älvsala kommun' },
        ],
      });
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.code).toBe('tenant_required');
      const wrongTenant = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { tenant: 'grannby', username: 'admin', password: DEMO_PASSWORD },
      });
      expect(wrongTenant.statusCode).toBe(401);
      const right = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { tenant: 'grannby', username: 'admin', password: 'grannby-losenord' },
      });
      expect(right.statusCode).toBe(204);
      const me = await t.app.inject({
        url: '/api/auth/me',
        headers: { cookie: `tryggve_session=${right.cookies[0]?.value}` },
      });
      expect(me.json().tenant).toEqual({ code: 'grannby', name: 'Grannby kommun' });
      const org = await t.app.inject({
        url: '/api/org',
        headers: { cookie: `tryggve_session=${right.cookies[0]?.value}` },
      });
      expect(org.json().units).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
