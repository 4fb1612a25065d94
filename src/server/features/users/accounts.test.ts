import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail, AccountList, FromPeoplePlan } from '../../../contracts/users.ts';
import type { TenantId, UserId } from '../../../domain/ids.ts';
import { DEMO_PASSWORD } from '../demo/generator.ts';
import { openDatabase, changeFeed, type DatabaseHandle } from '../../db/connection.ts';
import { buildApp } from '../../app.ts';
import { BACKENDS, followingChanges } from '../../../../test/helpers/db.ts';
import { seededApp, TEST_CONFIG } from '../../../../test/helpers/app.ts';
import { personOf, unitId } from '../../../../test/helpers/accounts.ts';
import { createAccountService } from './admin.ts';

type Suite = Awaited<ReturnType<typeof seededApp>>;

async function call<T = unknown>(
  t: Suite,
  cookie: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  const response = await t.app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: response.statusCode, body: response.json<T>() };
}

const signIn = (t: Suite, username: string, password: string) =>
  t.app
    .inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
    .then((r) => r.statusCode);

const auditOf = (t: Suite, objectId: string) =>
  t.db
    .selectFrom('audit_log as l')
    .leftJoin('users as by', 'by.id', 'l.actor_user_id')
    .select(['l.action', 'l.details', 'by.username as by'])
    .where('l.object_type', '=', 'user')
    .where('l.object_id', '=', objectId)
    .orderBy('l.id')
    .execute();

describe.each(BACKENDS)('account administration on %s', (backend) => {
  let t: Suite;
  let admin: string;
  beforeAll(async () => {
    t = await seededApp(backend);
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('creates an account with a scoped role that signs in, audited; bad input names the field', async () => {
    const library = await unitId(t, await libraryCode(t));
    const bad = [
      [{ role: 'manager' }, 'body.scopeUnitId', 'needs_unit'],
      [{ role: 'elected_official', scopeUnitId: library }, 'body.scopeUnitId', 'scope_not_allowed'],
      [{ role: 'employee', password: 'kort' }, 'body.password', 'password_too_short'],
      [{ role: 'employee', username: 'Anna Berg' }, 'body.username', 'username_format'],
      [
        { role: 'employee', personId: await personOf(t, 'chef') },
        'body.personId',
        'person_has_account',
      ],
    ] as const;
    for (const [change, path, code] of bad) {
      const refused = await call(t, admin, 'POST', '/api/users', {
        username: 'ny.chef',
        displayName: 'Ny Chef',
        password: 'ett långt lösenord',
        ...change,
      });
      expect(refused.status, code).toBe(400);
      expect(refused.body).toMatchObject({ error: { details: [{ path, code }] } });
    }
    expect(
      await t.db.selectFrom('users').select('id').where('username', '=', 'ny.chef').execute(),
    ).toEqual([]);

    const made = await call<{ id: string }>(t, admin, 'POST', '/api/users', {
      username: 'Ny.Chef',
      displayName: 'Ny Chef',
      password: 'ett långt lösenord',
      role: 'manager',
      scopeUnitId: library,
    });
    expect(made.status).toBe(200);
    expect(await signIn(t, 'ny.chef', 'ett långt lösenord')).toBe(204);
    const detail = await call<AccountDetail>(t, admin, 'GET', `/api/users/${made.body.id}`);
    expect(detail.body).toMatchObject({
      username: 'ny.chef',
      status: 'active',
      grants: [{ role: 'manager', scopeUnit: { id: library } }],
      history: [{ action: 'user.create', by: 'Systemadministratör', role: 'manager' }],
    });
    expect(detail.body.lastSignIn).not.toBeNull();
    const taken = await call(t, admin, 'POST', '/api/users', {
      username: 'ny.chef',
      displayName: 'Två',
      password: null,
      role: 'employee',
    });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'username_taken' } } });
  });

  it('disables an account, ending its sessions at once, and enables it again', async () => {
    const cookie = await t.login('anstalld');
    const id = await accountId(t, 'anstalld');
    expect((await call(t, cookie, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await call(t, admin, 'POST', `/api/users/${id}/disable`)).status).toBe(200);
    expect((await call(t, cookie, 'GET', '/api/auth/me')).status).toBe(401);
    expect(await signIn(t, 'anstalld', DEMO_PASSWORD)).toBe(401);
    const disabled = await call<AccountList>(t, admin, 'GET', '/api/users?status=disabled');
    expect(disabled.body.accounts.map((a) => a.username)).toEqual(['anstalld']);

    expect((await call(t, admin, 'POST', `/api/users/${id}/enable`)).status).toBe(200);
    expect(await signIn(t, 'anstalld', DEMO_PASSWORD)).toBe(204);
    const log = await auditOf(t, id);
    expect(log.map((l) => [l.action, l.by])).toEqual([
      ['user.create', null],
      ['user.disable', 'admin'],
      ['user.enable', 'admin'],
    ]);
    expect(log.find((l) => l.action === 'user.disable')?.details).toMatchObject({
      sessionsEnded: 1,
    });
  });

  it('never locks the municipality out: not one’s own account, never the last administrator', async () => {
    const self = await accountId(t, 'admin');
    const own = await call(t, admin, 'POST', `/api/users/${self}/disable`);
    expect(own).toMatchObject({ status: 409, body: { error: { code: 'own_account' } } });
    const grants = await call<AccountDetail>(t, admin, 'GET', `/api/users/${self}`);
    expect(grants.body.can).toEqual({ disable: false, refusal: 'own_account' });
    const ownRole = await call(
      t,
      admin,
      'DELETE',
      `/api/users/${self}/grants/${grants.body.grants[0]?.id ?? ''}`,
    );
    expect(ownRole).toMatchObject({ status: 409, body: { error: { code: 'own_account' } } });

    // A second administrator disables the first; the first's request still in flight (its
    // actor read before) cannot then disable the second, the last one left.
    const second = await call<{ id: string }>(t, admin, 'POST', '/api/users', {
      username: 'admin2',
      displayName: 'Andra administratören',
      password: 'ett långt lösenord',
      role: 'administrator',
    });
    const adminTwo = await loginAs(t, 'admin2', 'ett långt lösenord');
    expect((await call(t, adminTwo, 'POST', `/api/users/${self}/disable`)).status).toBe(200);
    const accounts = createAccountService(t.db);
    const staleActor = {
      userId: self as UserId,
      tenantId: (await t.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow())
        .id as TenantId,
      grants: [{ role: 'administrator' as const, scopeUnitId: null, scopeBodyId: null }],
    };
    await expect(accounts.disable(staleActor, second.body.id)).rejects.toMatchObject({
      code: 'last_administrator',
    });
    expect((await call(t, adminTwo, 'POST', `/api/users/${self}/enable`)).status).toBe(200);
    admin = await t.login('admin');
  });

  it('sets a made password once, shows it to nobody again, and signs the account out everywhere', async () => {
    const cookie = await t.login('strateg');
    const id = await accountId(t, 'strateg');
    const reset = await call<{ password: string; sessionsEnded: number }>(
      t,
      admin,
      'POST',
      `/api/users/${id}/password`,
      {},
    );
    expect(reset.status).toBe(200);
    expect(reset.body.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(reset.body.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await call(t, cookie, 'GET', '/api/auth/me')).status).toBe(401);
    expect(await signIn(t, 'strateg', DEMO_PASSWORD)).toBe(401);
    expect(await signIn(t, 'strateg', reset.body.password)).toBe(204);
    const log = await auditOf(t, id);
    expect(JSON.stringify(log)).not.toContain(reset.body.password);
    expect(log.at(-1)).toMatchObject({ action: 'user.password_reset', details: { made: true } });
    const detail = await call<AccountDetail>(t, admin, 'GET', `/api/users/${id}`);
    expect(JSON.stringify(detail.body)).not.toContain(reset.body.password);

    const chosen = await call(t, admin, 'POST', `/api/users/${id}/password`, {
      password: DEMO_PASSWORD,
    });
    expect(chosen.body).toMatchObject({ password: null });
    expect(await signIn(t, 'strateg', DEMO_PASSWORD)).toBe(204);
  });

  it('grants and withdraws roles with their scope, taking effect on the next request', async () => {
    const cookie = await t.login('anstalld');
    const id = await accountId(t, 'anstalld');
    const soc = await unitId(t, 'SOC');
    const imports = () => call(t, cookie, 'GET', '/api/imports').then((r) => r.status);
    expect(await imports()).toBe(403);
    const granted = await call<{ id: string }>(t, admin, 'POST', `/api/users/${id}/grants`, {
      role: 'administrator',
    });
    expect(await imports()).toBe(200);
    const again = await call(t, admin, 'POST', `/api/users/${id}/grants`, {
      role: 'administrator',
    });
    expect(again.body).toMatchObject({ error: { details: [{ code: 'grant_exists' }] } });
    const both = await call(t, admin, 'POST', `/api/users/${id}/grants`, {
      role: 'programme_owner',
      scopeUnitId: soc,
      scopeBodyId: (
        await t.db.selectFrom('political_bodies').select('id').executeTakeFirstOrThrow()
      ).id,
    });
    expect(both.body).toMatchObject({
      error: { details: [{ path: 'body.scopeBodyId', code: 'one_scope_only' }] },
    });

    expect(
      (await call(t, admin, 'DELETE', `/api/users/${id}/grants/${granted.body.id}`)).status,
    ).toBe(200);
    expect(await imports()).toBe(403);
    const otherAccount = await accountId(t, 'chef');
    const chef = await call<AccountDetail>(t, admin, 'GET', `/api/users/${otherAccount}`);
    // A grant of another account named under this one is not found.
    const wrong = await call(
      t,
      admin,
      'DELETE',
      `/api/users/${id}/grants/${chef.body.grants[0]?.id ?? ''}`,
    );
    expect(wrong.status).toBe(404);
    const log = await auditOf(t, id);
    expect(
      log
        .filter((l) => l.action.startsWith('user.grant') || l.action === 'user.revoke')
        .map((l) => l.action),
    ).toEqual(['user.grant', 'user.revoke']);
  });

  it('links an account to its person, refusing a person who has one, and unlinks it', async () => {
    const made = await call<{ id: string }>(t, admin, 'POST', '/api/users', {
      username: 'utan.person',
      displayName: 'Utan Person',
      password: null,
      role: 'employee',
    });
    const taken = await call(t, admin, 'PATCH', `/api/users/${made.body.id}`, {
      personId: await personOf(t, 'chef'),
    });
    expect(taken.body).toMatchObject({
      error: {
        details: [
          { path: 'body.personId', code: 'person_has_account', params: { username: 'chef' } },
        ],
      },
    });
    const free = await t.db
      .selectFrom('people')
      .select(['id', 'first_name', 'last_name'])
      .where('id', 'not in', (eb) =>
        eb.selectFrom('users').select('person_id').where('person_id', 'is not', null),
      )
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(
      (await call(t, admin, 'PATCH', `/api/users/${made.body.id}`, { personId: free.id })).status,
    ).toBe(200);
    const detail = await call<AccountDetail>(t, admin, 'GET', `/api/users/${made.body.id}`);
    expect(detail.body.person).toEqual({
      id: free.id,
      name: `${free.first_name} ${free.last_name}`,
    });
    expect(detail.body.status).toBe('no_password');
    expect(detail.body.history[0]).toMatchObject({
      action: 'user.link_person',
      person: `${free.first_name} ${free.last_name}`,
    });
    await call(t, admin, 'PATCH', `/api/users/${made.body.id}`, { personId: null });
    expect(
      (await call<AccountDetail>(t, admin, 'GET', `/api/users/${made.body.id}`)).body.person,
    ).toBeNull();
  });

  it('makes accounts for the register’s people from their e-mail: a preview, then all at once, once', async () => {
    const soc = await unitId(t, 'SOC');
    const preview = await call<FromPeoplePlan>(t, admin, 'POST', '/api/users/from-people', {
      unitId: soc,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.applied).toBe(false);
    expect(preview.body.create).toBeGreaterThan(0);
    expect(preview.body.existing).toBeGreaterThanOrEqual(1);
    const before = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const applied = await call<FromPeoplePlan>(
      t,
      admin,
      'POST',
      '/api/users/from-people?dryRun=false',
      { unitId: soc },
    );
    expect(applied.body).toMatchObject({ applied: true, create: preview.body.create });
    const after = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(preview.body.create);
    const first = applied.body.sample[0]!;
    const account = await t.db
      .selectFrom('users')
      .select(['id', 'password_hash', 'person_id'])
      .where('username', '=', first.username)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ password_hash: null, person_id: first.personId });
    expect(first.roles).toContain('employee');
    expect(await signIn(t, first.username, DEMO_PASSWORD)).toBe(401);
    expect((await auditOf(t, account.id)).map((l) => l.action)).toEqual([
      'user.create_from_person',
    ]);

    const rerun = await call<FromPeoplePlan>(t, admin, 'POST', '/api/users/from-people', {
      unitId: soc,
    });
    expect(rerun.body.create).toBe(0);
    const closed = await call(t, admin, 'POST', '/api/users/from-people', {
      unitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(closed.body).toMatchObject({
      error: { details: [{ path: 'body.unitId', code: 'closed_or_missing' }] },
    });
  });

  it('a people import makes accounts for the people in the file who have none, if asked', async () => {
    const file =
      'anställningsnummer;förnamn;efternamn;e-post;enhetskod;befattning;chef;startdatum\n' +
      'NY-1;Nora;Nyberg;Nora.Nyberg@alvsala.se;SOC;Socialsekreterare;nej;2026-01-01\n' +
      'NY-2;Olle;Utanpost;;SOC;Socialsekreterare;ja;2026-01-01\n';
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/imports/people?fileName=nya.csv&mode=partial&createAccounts=true',
      payload: file,
      headers: { cookie: admin, 'content-type': 'text/csv' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ accounts: unknown }>().accounts).toEqual({ created: 1, skipped: 1 });
    const made = await t.db
      .selectFrom('users as u')
      .innerJoin('people as p', 'p.id', 'u.person_id')
      .select(['u.username', 'u.password_hash', 'p.employee_number'])
      .where('u.username', '=', 'nora.nyberg@alvsala.se')
      .executeTakeFirstOrThrow();
    expect(made).toEqual({
      username: 'nora.nyberg@alvsala.se',
      password_hash: null,
      employee_number: 'NY-1',
    });
  });

  it('lists accounts by name, status and role', async () => {
    const managers = await call<AccountList>(t, admin, 'GET', '/api/users?role=manager');
    expect(managers.body.accounts.every((a) => a.grants.some((g) => g.role === 'manager'))).toBe(
      true,
    );
    expect(managers.body.accounts.map((a) => a.username)).toContain('chef');
    const byName = await call<AccountList>(t, admin, 'GET', '/api/users?q=chef');
    expect(byName.body.accounts.map((a) => a.username)).toContain('chef');
    expect(
      byName.body.accounts.every((a) =>
        `${a.username} ${a.displayName}`.toLowerCase().includes('chef'),
      ),
    ).toBe(true);
  });
});

describe.each(BACKENDS.filter((b) => b === 'postgres'))(
  'a disabled account on several instances (%s)',
  (backend) => {
    let t: Suite;
    let second: DatabaseHandle;
    let other: Awaited<ReturnType<typeof buildApp>>;
    beforeAll(async () => {
      t = await seededApp(backend);
      second = await openDatabase({ databaseUrl: t.database.url ?? '' });
      other = await buildApp(second.db, TEST_CONFIG);
      await followingChanges(second.db);
    });
    afterAll(async () => {
      await other.close();
      await second.close();
      await t.close();
    });

    it('ends its sessions on the other instance as soon as the change arrives', async () => {
      const cookie = await t.login('chef');
      const me = () =>
        other.inject({ url: '/api/auth/me', headers: { cookie } }).then((r) => r.statusCode);
      expect(await me()).toBe(200);
      expect(await me()).toBe(200);
      const admin = await t.login('admin');
      const id = await accountId(t, 'chef');
      expect((await call(t, admin, 'POST', `/api/users/${id}/disable`)).status).toBe(200);
      await changeFeed(second.db)?.settled();
      expect(await me()).toBe(401);
    });
  },
);

async function accountId(t: Suite, username: string) {
  return (
    await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;
}

async function libraryCode(t: Suite) {
  const row = await t.db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('org_units as o', 'o.id', 'g.scope_unit_id')
    .select('o.code')
    .where('u.username', '=', 'chef')
    .executeTakeFirstOrThrow();
  return row.code;
}

async function loginAs(t: Suite, username: string, password: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  const cookie = response.cookies[0];
  if (!cookie) throw new Error(`login ${username}: ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}
