import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/roles.ts';
import { accessFixture, type AccessFixture } from './fixture.ts';

/**
 * The property: whatever account (any role, any scope) asks whatever it may ask, no answer
 * holds a person outside what that account may reach, nor anything of another municipality.
 * The reach is computed here independently of the policy layer, as an upper bound: the people
 * of the subtrees and bodies of the account's grants, the units it serves as a trainer, the
 * participants of the sessions it trains, itself, and the people every signed-in user may see
 * named (unit managers and trainers).
 */
const RUNS = 10_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

interface Account {
  cookie: string;
  grants: { role: Role; unit: string | null; body: string | null }[];
  personId: string | null;
}

describe('no answer holds a person outside the caller’s reach, or another municipality', () => {
  let f: AccessFixture;
  const accounts: Account[] = [];
  let allowed: Set<string>[] = [];
  const peopleA = new Set<string>();
  const foreignIds = new Set<string>();
  const pools = {
    people: [] as string[],
    units: [] as string[],
    bodies: [] as string[],
    programmes: [] as string[],
    sessions: [] as string[],
    completions: [] as string[],
    evidence: [] as string[],
  };

  beforeAll(async () => {
    f = await accessFixture('pglite');
    const { db } = f.t;
    const tenants = await db.selectFrom('tenants').select(['id', 'code']).execute();
    const tenantA = tenants.find((t) => t.code === 'demo')!.id;
    const tenantB = tenants.find((t) => t.code === 'andra')!.id;
    const today = new Date().toISOString().slice(0, 10);

    const units = await db
      .selectFrom('org_units')
      .select(['id', 'parent_id', 'tenant_id'])
      .execute();
    const parent = new Map(units.map((u) => [u.id, u.parent_id]));
    const employments = await db
      .selectFrom('employments')
      .select(['person_id', 'unit_id', 'is_manager', 'tenant_id'])
      .where('start_date', '<=', today)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
      .execute();
    const seats = await db
      .selectFrom('seats')
      .select(['person_id', 'body_id', 'tenant_id'])
      .where('term_start', '<=', today)
      .where((eb) => eb.or([eb('term_end', 'is', null), eb('term_end', '>=', today)]))
      .execute();
    const people = await db.selectFrom('people').select(['id', 'tenant_id']).execute();
    for (const p of people) (p.tenant_id === tenantA ? peopleA : foreignIds).add(p.id);
    for (const table of [
      'org_units',
      'political_bodies',
      'programmes',
      'training_sessions',
      'completions',
    ] as const) {
      const rows = await db.selectFrom(table).select(['id', 'tenant_id']).execute();
      for (const row of rows) if (row.tenant_id === tenantB) foreignIds.add(row.id);
    }
    const under = (unitId: string, root: string) => {
      for (let at: string | null | undefined = unitId; at; at = parent.get(at))
        if (at === root) return true;
      return false;
    };
    const employedUnder = (root: string) =>
      employments
        .filter((e) => e.tenant_id === tenantA && under(e.unit_id, root))
        .map((e) => e.person_id);
    const seatedIn = (body: string | null) =>
      seats
        .filter((s) => s.tenant_id === tenantA && (body === null || s.body_id === body))
        .map((s) => s.person_id);

    // Who every signed-in user may see named: unit managers and trainers.
    const named = new Set<string>(employments.filter((e) => e.is_manager).map((e) => e.person_id));
    for (const table of ['session_trainers', 'trainer_units', 'trainer_registrations'] as const)
      for (const row of await db.selectFrom(table).select('person_id').execute())
        named.add(row.person_id);
    const trainerCourseCompleters = await db
      .selectFrom('completions as c')
      .innerJoin('courses as co', 'co.id', 'c.course_id')
      .select('c.person_id')
      .where('co.for_trainers', '=', true)
      .execute();
    for (const row of trainerCourseCompleters) named.add(row.person_id);

    // A pool of accounts with every role, each with some scope (or none), some linked to people.
    const aUnits = units.filter((u) => u.tenant_id === tenantA).map((u) => u.id);
    const aBodies = (
      await db
        .selectFrom('political_bodies')
        .select('id')
        .where('tenant_id', '=', tenantA)
        .execute()
    ).map((b) => b.id);
    const aPeople = [...peopleA];
    const random = fc.sample(
      fc.record({
        grants: fc.array(
          fc.record({
            role: fc.constantFrom(...ROLES),
            scope: fc.oneof(
              fc.constant<{ unit: string | null; body: string | null }>({ unit: null, body: null }),
              fc.constantFrom(...aUnits).map((unit) => ({ unit, body: null })),
              fc.constantFrom(...aBodies).map((body) => ({ unit: null, body })),
            ),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        person: fc.option(fc.constantFrom(...aPeople), { nil: null }),
      }),
      { numRuns: 48, seed: 20261203 },
    );
    const trainersOfSessions = await db
      .selectFrom('session_trainers')
      .select(['session_id', 'person_id'])
      .execute();
    const bookings = await db.selectFrom('bookings').select(['session_id', 'person_id']).execute();
    const served = await db.selectFrom('trainer_units').select(['person_id', 'unit_id']).execute();
    for (const [index, spec] of random.entries()) {
      const user = await db
        .insertInto('users')
        .values({
          tenant_id: tenantA,
          username: `slump-${index}`,
          password_hash: 'not a hash: never signs in',
          display_name: `Slump ${index}`,
          person_id: spec.person,
          locale: 'sv',
          disabled_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const grants = [
        ...new Map(
          spec.grants.map((g) => [`${g.role}|${g.scope.unit}|${g.scope.body}`, g]),
        ).values(),
      ];
      for (const g of grants)
        await db
          .insertInto('role_grants')
          .values({
            tenant_id: tenantA,
            user_id: user.id,
            role: g.role,
            scope_unit_id: g.scope.unit,
            scope_body_id: g.scope.body,
          })
          .execute();
      const token = randomBytes(32).toString('base64url');
      await db
        .insertInto('sessions')
        .values({
          token_hash: createHash('sha256').update(token).digest('hex'),
          tenant_id: tenantA,
          user_id: user.id,
          expires_at: new Date(Date.now() + 12 * 3_600_000),
        })
        .execute();
      accounts.push({
        cookie: `tryggve_session=${token}`,
        grants: grants.map((g) => ({ role: g.role, unit: g.scope.unit, body: g.scope.body })),
        personId: spec.person,
      });
    }

    allowed = accounts.map((account) => {
      const reach = new Set<string>(named);
      if (account.personId) reach.add(account.personId);
      for (const g of account.grants) {
        const unscoped = g.unit === null && g.body === null;
        if (
          g.role === 'administrator' ||
          (unscoped && (g.role === 'programme_owner' || g.role === 'trainer'))
        )
          for (const p of peopleA) reach.add(p);
        if (unscoped && g.role === 'security_coordinator')
          for (const p of seatedIn(null)) reach.add(p);
        if (
          g.unit &&
          ['programme_owner', 'security_coordinator', 'manager', 'trainer'].includes(g.role)
        )
          for (const p of employedUnder(g.unit)) reach.add(p);
        if (
          g.body &&
          ['programme_owner', 'security_coordinator', 'elected_official'].includes(g.role)
        )
          for (const p of seatedIn(g.body)) reach.add(p);
      }
      if (account.personId) {
        for (const s of served.filter((r) => r.person_id === account.personId))
          for (const p of employedUnder(s.unit_id)) reach.add(p);
        const trains = new Set(
          trainersOfSessions
            .filter((r) => r.person_id === account.personId)
            .map((r) => r.session_id),
        );
        for (const b of bookings) if (trains.has(b.session_id)) reach.add(b.person_id);
      }
      return reach;
    });

    const sample = <T>(values: T[], n: number) =>
      values.filter((_, i) => i % Math.max(1, Math.floor(values.length / n)) === 0).slice(0, n);
    pools.people = [
      ...sample(aPeople, 40),
      ...sample(
        [...foreignIds].filter((id) => !peopleA.has(id)),
        4,
      ),
      f.people.soc,
      f.people.lib,
      f.people.official,
    ];
    pools.units = [...sample(aUnits, 30), f.foreign.unit];
    pools.bodies = [...aBodies, f.foreign.body];
    pools.programmes = [
      ...(
        await db.selectFrom('programmes').select('id').where('tenant_id', '=', tenantA).execute()
      ).map((p) => p.id),
      f.foreign.programme,
    ];
    pools.sessions = [
      ...(
        await db
          .selectFrom('training_sessions')
          .select('id')
          .where('tenant_id', '=', tenantA)
          .execute()
      ).map((s) => s.id),
      f.foreign.session,
    ];
    pools.completions = [f.reports.soc.completion, f.reports.lib.completion, f.foreign.completion];
    pools.evidence = [f.reports.soc.evidence, f.reports.lib.evidence];
  });
  afterAll(() => f?.t.close());

  const pick = <T>(values: readonly T[], n: number) => values[n % values.length] as T;
  const ROUTES: ((n: number) => string)[] = [
    () => '/api/approvals',
    () => '/api/me/sessions',
    () => '/api/me/training',
    () => '/api/me/overview',
    () => '/api/programmes',
    () => '/api/org',
    () => '/api/org/people?q=a',
    () => '/api/users?status=all',
    (n) => `/api/org/people/${pick(pools.people, n)}`,
    (n) => `/api/people/${pick(pools.people, n)}/programmes`,
    (n) => `/api/org/units/${pick(pools.units, n)}`,
    (n) => `/api/org/units/${pick(pools.units, n)}/people`,
    (n) => `/api/org/units/${pick(pools.units, n)}/history`,
    (n) => `/api/org/bodies/${pick(pools.bodies, n)}`,
    (n) => `/api/programmes/${pick(pools.programmes, n)}/progress?node=all`,
    (n) => `/api/programmes/${pick(pools.programmes, n)}/people?unit=${pick(pools.units, n >> 3)}`,
    (n) => `/api/programmes/${pick(pools.programmes, n)}/missing?limit=500`,
    (n) =>
      `/api/programmes/${pick(pools.programmes, n)}/missing?node=${pick(pools.units, n >> 3)}&limit=500`,
    (n) => `/api/programmes/${pick(pools.programmes, n)}/trainers`,
    (n) => `/api/programmes/${pick(pools.programmes, n)}/planning`,
    (n) => `/api/programmes/${pick(pools.programmes, n)}/sessions`,
    (n) =>
      `/api/programmes/${pick(pools.programmes, n)}/trainer-candidates?q=${pick(['an', 'ma', 'er', 'li'], n >> 4)}`,
    (n) => `/api/sessions/${pick(pools.sessions, n)}`,
    (n) =>
      `/api/sessions/${pick(pools.sessions, n)}/candidates?q=${pick(['an', 'ma', 'er', 'li'], n >> 4)}`,
    (n) => `/api/evidence/${pick(pools.evidence, n)}`,
  ];

  it(`holds for ${RUNS.toLocaleString('en')} random accounts, routes and objects`, async () => {
    const seen = { answered: 0, withPeople: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 47 }),
        fc.nat({ max: ROUTES.length - 1 }),
        fc.nat(),
        async (a, r, n) => {
          const account = accounts[a % accounts.length]!;
          const url = ROUTES[r]!(n);
          const response = await f.t.app.inject({ url, headers: { cookie: account.cookie } });
          expect(response.statusCode, url).toBeLessThan(500);
          if (response.statusCode === 200) seen.answered += 1;
          const ids = new Set(response.body.match(UUID) ?? []);
          const outside = [...ids].filter(
            (id) => peopleA.has(id) && !allowed[a % accounts.length]!.has(id),
          );
          const foreign = [...ids].filter((id) => foreignIds.has(id));
          if ([...ids].some((id) => peopleA.has(id))) seen.withPeople += 1;
          expect(outside, `${url} for ${JSON.stringify(account.grants)}`).toEqual([]);
          expect(foreign, `${url} named another municipality's objects`).toEqual([]);
        },
      ),
      { numRuns: RUNS, seed: 42 },
    );
    // The property is not vacuous: many answers were given, and many of them named people.
    expect(seen.answered).toBeGreaterThan(RUNS / 5);
    expect(seen.withPeople).toBeGreaterThan(RUNS / 20);
  }, 240_000);
});
