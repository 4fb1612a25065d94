import { sql } from 'kysely';
import type { Role } from '../../src/domain/roles.ts';
import { DEMO_PASSWORD } from '../../src/server/features/demo/generator.ts';
import { resolveTenant } from '../../src/server/features/tenants/service.ts';
import { createUser } from '../../src/server/features/users/service.ts';
import type { seededApp } from './app.ts';

type Suite = Awaited<ReturnType<typeof seededApp>>;

/** A further account of the demo municipality (password: the demo's), signed in. */
export async function addAccount(
  t: Suite,
  account: {
    username: string;
    role: Role;
    scopeUnitCode?: string;
    scopeBodyCode?: string;
    personId?: string | null;
  },
): Promise<string> {
  const tenant = await resolveTenant(t.db, undefined);
  await createUser(t.db, tenant, {
    username: account.username,
    displayName: account.username,
    password: DEMO_PASSWORD,
    role: account.role,
    scopeUnitCode: account.scopeUnitCode ?? null,
    scopeBodyCode: account.scopeBodyCode ?? null,
    personId: account.personId ?? null,
  });
  return t.login(account.username);
}

/** Current employees of the units whose code starts with `prefix`, without the demo logins. */
export async function employeesOf(t: Suite, prefix: string): Promise<string[]> {
  const rows = await sql<{ person_id: string }>`
    SELECT DISTINCT e.person_id FROM employments e
      JOIN org_units u ON u.tenant_id = e.tenant_id AND u.id = e.unit_id
     WHERE (u.code = ${prefix} OR u.code LIKE ${`${prefix}-%`}) AND e.end_date IS NULL
       AND e.person_id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL)
     ORDER BY e.person_id`.execute(t.db);
  return rows.rows.map((r) => r.person_id);
}

export async function personOf(t: Suite, username: string): Promise<string> {
  const row = await t.db
    .selectFrom('users')
    .select('person_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  if (!row.person_id) throw new Error(`${username} has no person`);
  return row.person_id;
}

export async function unitId(t: Suite, code: string): Promise<string> {
  const row = await t.db
    .selectFrom('org_units')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function programmeId(t: Suite, code: string): Promise<string> {
  const row = await t.db
    .selectFrom('programmes')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function courseId(t: Suite, code: string): Promise<string> {
  const row = await t.db
    .selectFrom('courses')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Lists an account among a programme's owners directly (as data made before the rules were). */
export async function listOwner(t: Suite, programme: string, username: string) {
  const [user, row] = await Promise.all([
    t.db
      .selectFrom('users')
      .select(['id', 'tenant_id'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('programmes')
      .select('id')
      .where('code', '=', programme)
      .executeTakeFirstOrThrow(),
  ]);
  await t.db
    .insertInto('programme_owners')
    .values({ tenant_id: user.tenant_id, programme_id: row.id, user_id: user.id })
    .execute();
}

/** What the API answers, as status and JSON body (null when the body is not JSON). */
export function caller(t: Suite) {
  return async <T = Record<string, unknown>>(
    cookie: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await t.app.inject({
      method,
      url,
      ...(payload === undefined
        ? {}
        : {
            payload:
              typeof payload === 'string' || Buffer.isBuffer(payload)
                ? payload
                : (payload as object),
          }),
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    const json = response.headers['content-type']?.toString().startsWith('application/json');
    return { status: response.statusCode, body: (json ? response.json() : null) as T, response };
  };
}
