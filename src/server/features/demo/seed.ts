import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import { insertInBatches } from '../../db/batch.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import { withTransaction } from '../../db/transaction.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import { createTenant } from '../tenants/public.ts';
import { createUser } from '../users/public.ts';
import { seedDemoProgrammes } from './programmes.ts';
import { seedDemoSessions } from './sessions.ts';
import { DEMO_PASSWORD, generateDemo, type DemoLogin, type DemoOptions } from './generator.ts';

/** The demo logins in the order the README lists them. */
export const DEMO_USERNAMES = [
  'admin',
  'strateg',
  'utbildare',
  'chef',
  'anstalld',
  'fortroendevald',
  'sakerhet',
  'skyddsombud',
] as const;

export interface SeedResult {
  tenantCode: string;
  units: number;
  employees: number;
  officials: number;
  logins: DemoLogin[];
  password: string;
}

/**
 * Writes the demo municipality in one transaction: tenant `demo`, or another code and name (the
 * national-scale bench seeds 290 of them).
 */
export async function seedDemo(
  db: Db,
  partial: Partial<DemoOptions> & { tenant?: { code: string; name: string } } = {},
): Promise<SeedResult> {
  const options: DemoOptions = {
    employees: partial.employees ?? 2000,
    seed: partial.seed ?? 20_261_123,
    referenceDate: partial.referenceDate ?? stockholmDate(new Date()),
  };
  const demo = { ...generateDemo(options), ...(partial.tenant ? { tenant: partial.tenant } : {}) };
  const result = await withTransaction(db, async (trx) => {
    const tenant = await createTenant(trx, demo.tenant.code, demo.tenant.name);
    const unitIds = new Map<string, string>();
    const root = await trx
      .selectFrom('org_units')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('code', '=', 'KOMMUN')
      .executeTakeFirstOrThrow();
    unitIds.set('KOMMUN', root.id);
    for (const unit of demo.units)
      if (!unitIds.has(unit.code)) unitIds.set(unit.code, randomUUID());
    const id = (map: Map<string, string>, key: string) => {
      const value = map.get(key);
      if (!value) throw new Error(`demo data refers to unknown code ${key}`);
      return value;
    };
    // Parents come before children in the generated list, so one ordered insert satisfies the FK.
    await insertInBatches(
      trx,
      'org_units',
      demo.units
        .filter((unit) => unit.code !== 'KOMMUN')
        .map((unit) => ({
          id: id(unitIds, unit.code),
          tenant_id: tenant.id,
          parent_id: unit.parentCode ? id(unitIds, unit.parentCode) : null,
          code: unit.code,
          name: unit.name,
          kind: unit.kind,
        })),
    );

    const bodyIds = new Map(demo.bodies.map((body) => [body.code, randomUUID()]));
    await insertInBatches(
      trx,
      'political_bodies',
      demo.bodies.map((body) => ({
        id: id(bodyIds, body.code),
        tenant_id: tenant.id,
        code: body.code,
        name: body.name,
        kind: body.kind,
      })),
    );
    await insertInBatches(
      trx,
      'body_offices',
      demo.bodies.flatMap((body) =>
        body.officeCodes.map((office) => ({
          tenant_id: tenant.id,
          body_id: id(bodyIds, body.code),
          unit_id: id(unitIds, office),
        })),
      ),
    );

    const personIds = demo.people.map(() => randomUUID());
    const personId = (key: number) => personIds[key] ?? '';
    await insertInBatches(
      trx,
      'people',
      demo.people.map((person) => ({
        id: personId(person.key),
        tenant_id: tenant.id,
        employee_number: person.employeeNumber,
        official_number: person.officialNumber,
        first_name: person.firstName,
        last_name: person.lastName,
        email: person.email,
      })),
    );
    await insertInBatches(
      trx,
      'employments',
      demo.employments.map((e) => ({
        tenant_id: tenant.id,
        person_id: personId(e.personKey),
        unit_id: id(unitIds, e.unitCode),
        title: e.title,
        is_manager: e.isManager,
        employment_form: e.employmentForm,
        start_date: e.startDate,
        end_date: e.endDate,
      })),
    );
    await insertInBatches(
      trx,
      'seats',
      demo.seats.map((s) => ({
        tenant_id: tenant.id,
        person_id: personId(s.personKey),
        body_id: id(bodyIds, s.bodyCode),
        role: s.role,
        term_start: s.termStart,
        term_end: s.termEnd,
      })),
    );

    for (const login of demo.logins) {
      await createUser(trx, tenant, {
        username: login.username,
        displayName: login.displayName,
        password: DEMO_PASSWORD,
        role: login.role,
        scopeUnitCode: login.scopeUnitCode,
        scopeBodyCode: login.scopeBodyCode,
        personId: login.personKey === null ? null : personId(login.personKey),
      });
    }
    const managerScope = demo.logins.find((login) => login.role === 'manager')?.scopeUnitCode;
    const demoPeople = new Set(
      demo.logins.flatMap((l) => (l.personKey === null ? [] : [personId(l.personKey)])),
    );
    await seedDemoProgrammes(
      trx,
      tenant.id,
      options.referenceDate,
      options.seed,
      demoPeople,
      managerScope ? id(unitIds, managerScope) : null,
    );
    const trainer = demo.logins.find((login) => login.role === 'trainer')?.personKey ?? null;
    await seedDemoSessions(
      trx,
      tenant.id,
      options.referenceDate,
      demoPeople,
      trainer === null ? null : personId(trainer),
    );
    return {
      tenantCode: tenant.code,
      units: demo.units.length,
      employees: demo.people.filter((p) => p.employeeNumber !== null).length,
      officials: new Set(demo.seats.map((s) => s.personKey)).size,
      logins: demo.logins,
      password: DEMO_PASSWORD,
    };
  });
  await refreshStatistics(db);
  return result;
}

/**
 * The demo logins of a database seeded on an earlier start (null when it holds no demo
 * municipality): what `npm start` prints on every start, not only the first.
 */
export async function existingDemoLogins(
  db: Db,
): Promise<Pick<SeedResult, 'tenantCode' | 'password' | 'logins'> | null> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .innerJoin('role_grants as g', (j) =>
      j.onRef('g.tenant_id', '=', 'u.tenant_id').onRef('g.user_id', '=', 'u.id'),
    )
    .select(['u.username', 'u.display_name', 'g.role'])
    .where('t.code', '=', 'demo')
    .where('u.username', 'in', [...DEMO_USERNAMES])
    .where('u.disabled_at', 'is', null)
    .execute();
  if (rows.length === 0) return null;
  const logins = DEMO_USERNAMES.flatMap((username) => {
    const row = rows.find((r) => r.username === username);
    return row
      ? [
          {
            username,
            role: row.role,
            personKey: null,
            displayName: row.display_name,
            scopeUnitCode: null,
            scopeBodyCode: null,
          },
        ]
      : [];
  });
  return { tenantCode: 'demo', password: DEMO_PASSWORD, logins };
}
