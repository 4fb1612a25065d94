import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../../test/helpers/app.ts';
import { BACKENDS } from '../../../../test/helpers/db.ts';
import { Readable } from 'node:stream';
import type {
  BodySeats,
  OrganisationResponse,
  PeopleSearchResult,
  PersonDetail,
  UnitDetail,
  UnitHistory,
  UnitPeople,
} from '../../../contracts/org.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { createImportService } from '../imports/service.ts';
import { createTenant } from '../tenants/service.ts';

describe.each(BACKENDS)('organisation browser on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  let admin: string;
  let org: OrganisationResponse;
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const unitByCode = (code: string) => {
    const unit = org.units.find((u) => u.code === code);
    if (!unit) throw new Error(`no unit ${code}`);
    return unit;
  };
  const chefScope = () => t.seed.logins.find((l) => l.username === 'chef')?.scopeUnitCode ?? '';

  beforeAll(async () => {
    t = await seededApp(backend);
    admin = await t.login('admin');
    org = (await get('/api/org', admin)).json();
  });
  afterAll(() => t.close());

  it('lists the whole tree and the political bodies to a signed-in user', async () => {
    const employee = await t.login('anstalld');
    const response = await get('/api/org', employee);
    expect(response.statusCode).toBe(200);
    const body: OrganisationResponse = response.json();
    expect(body.units.filter((u) => u.kind === 'office')).toHaveLength(5);
    expect(body.units.filter((u) => u.parentId === null).map((u) => u.name)).toEqual([
      'Älvsala kommun',
    ]);
    expect(body.bodies.map((b) => b.kind)).toEqual([
      'council',
      'board',
      'committee',
      'committee',
      'committee',
      'committee',
    ]);
    expect(body.bodies.find((b) => b.code === 'KF')?.members).toBe(51);
    const staff = body.units.reduce((sum, u) => sum + u.staffCount, 0);
    const active = await t.db
      .selectFrom('employments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('end_date', 'is', null)
      .executeTakeFirstOrThrow();
    expect(staff).toBe(Number(active.n));
  });

  it('shows a unit with its path, sub-units and managers', async () => {
    const office = unitByCode('KFK');
    const detail: UnitDetail = (await get(`/api/org/units/${office.id}`, admin)).json();
    expect(detail.path.map((p) => p.name)).toEqual(['Älvsala kommun']);
    expect(detail.children.map((c) => c.code)).toContain('KFK-01');
    expect(detail.managers[0]?.title).toBe('Förvaltningschef');
    expect(detail.can.readPeople).toBe(true);
  });

  it("lets a manager list their own unit's people and nobody else's", async () => {
    const chef = await t.login('chef');
    const own = unitByCode(chefScope());
    const ownPeople = await get(`/api/org/units/${own.id}/people`, chef);
    expect(ownPeople.statusCode).toBe(200);
    expect(ownPeople.json<UnitPeople>().people.length).toBe(own.staffCount);

    const other = unitByCode('SOC');
    const otherPeople = await get(`/api/org/units/${other.id}/people`, chef);
    const missing = await get('/api/org/units/00000000-0000-4000-8000-000000000000/people', chef);
    expect(otherPeople.statusCode).toBe(404);
    expect(otherPeople.json()).toEqual(missing.json());
    const otherUnit = await get(`/api/org/units/${other.id}`, chef);
    expect(otherUnit.json<UnitDetail>().can.readPeople).toBe(false);
  });

  it('finds people by name, number or e-mail, only among those the caller may see', async () => {
    const somebody = await t.db
      .selectFrom('people')
      .innerJoin('employments as e', 'e.person_id', 'people.id')
      .innerJoin('org_units as u', 'u.id', 'e.unit_id')
      .select(['people.id', 'first_name', 'last_name', 'employee_number', 'email', 'u.code'])
      .where('u.code', 'like', 'SOC-%')
      .where('email', 'is not', null)
      .where('employee_number', 'is not', null)
      .where('e.end_date', 'is', null)
      .orderBy('people.id')
      .executeTakeFirstOrThrow();
    const search = (q: string, cookie: string) =>
      get(`/api/org/people?q=${encodeURIComponent(q)}`, cookie);
    for (const q of [
      `${somebody.first_name} ${somebody.last_name}`,
      somebody.employee_number ?? '',
      (somebody.email ?? '').toUpperCase(),
    ]) {
      const found = (await search(q, admin)).json<PeopleSearchResult>();
      expect(
        found.people.map((p) => p.id),
        q,
      ).toContain(somebody.id);
    }
    const hit = (await search(somebody.employee_number ?? '', admin))
      .json<PeopleSearchResult>()
      .people.find((p) => p.id === somebody.id);
    expect(hit?.places.length).toBeGreaterThan(0);
    // A manager elsewhere finds only their own staff; an employee may not search at all.
    const chef = await t.login('chef');
    const mine = (await search(somebody.employee_number ?? '', chef)).json<PeopleSearchResult>();
    expect(mine.people).toEqual([]);
    const own = (await search('a', chef)).statusCode;
    expect(own).toBe(400);
    expect((await search('an', await t.login('anstalld'))).statusCode).toBe(403);
    // At most 50 shown, and whether there are more.
    const matching = await t.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['first_name']), 'like', 'a%'),
          eb(eb.fn('lower', ['last_name']), 'like', 'a%'),
          eb(eb.fn('lower', ['email']), 'like', 'a%'),
        ]),
      )
      .executeTakeFirstOrThrow();
    const many = (await search('a%', admin)).json<PeopleSearchResult>();
    const wide = (await search('an', admin)).json<PeopleSearchResult>();
    expect(many.people).toEqual([]);
    expect(wide.people.length).toBeLessThanOrEqual(50);
    expect(Number(matching.n)).toBeGreaterThan(50);
    const all = (await search('a a', admin)).json<PeopleSearchResult>();
    expect(all.people.length).toBe(50);
    expect(all.more).toBe(true);
  });

  it('hides staff lists from employees and seats from officials of other bodies', async () => {
    const employee = await t.login('anstalld');
    expect(
      (await get(`/api/org/units/${unitByCode(chefScope()).id}/people`, employee)).statusCode,
    ).toBe(404);

    const official = await t.login('fortroendevald');
    const own = org.bodies.find((b) => b.code === 'KFN');
    const other = org.bodies.find((b) => b.code === 'SN');
    const ownSeats = await get(`/api/org/bodies/${own?.id}`, official);
    expect(ownSeats.statusCode).toBe(200);
    expect(ownSeats.json<BodySeats>().seats.some((s) => s.role === 'chair')).toBe(true);
    expect((await get(`/api/org/bodies/${other?.id}`, official)).statusCode).toBe(404);
    expect((await get(`/api/org/bodies/${other?.id}`, await t.login('sakerhet'))).statusCode).toBe(
      200,
    );
  });

  it("opens a person's page for those who may see them, and answers 404 to others", async () => {
    const chef = await t.login('chef');
    const own = unitByCode(chefScope());
    const ownPeople = (await get(`/api/org/units/${own.id}/people`, chef)).json<UnitPeople>()
      .people;
    const employee = await t.db
      .selectFrom('users')
      .select('person_id')
      .where('username', '=', 'anstalld')
      .executeTakeFirstOrThrow();
    // Someone else than the employee (who may open their own page).
    const colleague = ownPeople.find((p) => p.id !== employee.person_id);
    const page = await get(`/api/org/people/${colleague?.id}`, chef);
    expect(page.statusCode).toBe(200);
    const detail = page.json<PersonDetail>();
    expect(detail.employments.find((e) => e.active)?.unit.code).toBe(own.code);

    const social = (
      await get(`/api/org/units/${unitByCode('SOC-01').id}`, admin)
    ).json<UnitDetail>();
    const outsider = await t.db
      .selectFrom('employments as e')
      .innerJoin('org_units as u', 'u.id', 'e.unit_id')
      .select('e.person_id')
      .where('u.code', 'like', 'SOC-%')
      .executeTakeFirstOrThrow();
    expect(social.unit.code).toBe('SOC-01');
    const denied = await get(`/api/org/people/${outsider.person_id}`, chef);
    const missing = await get('/api/org/people/00000000-0000-4000-8000-000000000000', chef);
    expect(denied.statusCode).toBe(404);
    expect(denied.json()).toEqual(missing.json());
    const employeeCookie = await t.login('anstalld');
    expect((await get(`/api/org/people/${colleague?.id}`, employeeCookie)).statusCode).toBe(404);
    expect((await get(`/api/org/people/${employee.person_id}`, employeeCookie)).statusCode).toBe(
      200,
    );

    const official = await t.db
      .selectFrom('people')
      .select('id')
      .where('employee_number', 'is', null)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('seats')
      .set({ party: 'Hemligt parti' })
      .where('person_id', '=', official.id)
      .execute();
    const seen = await get(`/api/org/people/${official.id}`, await t.login('sakerhet'));
    expect(seen.statusCode).toBe(200);
    expect(seen.json<PersonDetail>().seats.length).toBeGreaterThan(0);
    expect(seen.body).not.toContain('Hemligt parti');
  });

  it("shows a unit's recorded changes to administrators only", async () => {
    const imports = createImportService(t.db);
    const tenant = await t.db
      .selectFrom('tenants')
      .select('id')
      .where('code', '=', 'demo')
      .executeTakeFirstOrThrow();
    const office = unitByCode('KFK');
    await imports.apply(
      { tenantId: tenant.id as TenantId, userId: null, label: 'HR-importen' },
      {
        kind: 'units',
        fileName: 'enheter.csv',
        mode: 'partial',
        source: Readable.from([
          Buffer.from(
            'enhetskod;namn;överordnad;typ\nKFK;Kultur- och fritidsförvaltningen;;förvaltning\n',
          ),
        ]),
      },
    );
    const history = await get(`/api/org/units/${office.id}/history`, admin);
    expect(history.json<UnitHistory>().entries).toEqual([
      {
        at: expect.any(String),
        kind: 'import',
        source: 'enheter.csv',
        by: 'HR-importen',
        label: 'changed',
        fields: [
          {
            field: 'name',
            before: 'Kultur- och fritidskontoret',
            after: 'Kultur- och fritidsförvaltningen',
          },
        ],
        undone: false,
      },
    ]);
    expect(
      (await get(`/api/org/units/${office.id}/history`, await t.login('chef'))).statusCode,
    ).toBe(404);
  });

  it("never shows another municipality's objects: they answer as missing", async () => {
    const other = await createTenant(t.db, 'grannby', 'Grannby kommun');
    const root = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('tenant_id', '=', other.id)
      .executeTakeFirstOrThrow();
    const response = await get(`/api/org/units/${root.id}`, admin);
    const missing = await get('/api/org/units/00000000-0000-4000-8000-000000000000', admin);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual(missing.json());
    const list: OrganisationResponse = (await get('/api/org', admin)).json();
    expect(list.units.map((u) => u.id)).not.toContain(root.id);
  });

  it('rejects an id that is not a UUID with a message naming the field', async () => {
    const response = await get('/api/org/units/not-an-id', admin);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('params.id');
  });
});
