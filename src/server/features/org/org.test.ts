import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../../test/helpers/app.ts';
import { BACKENDS } from '../../../../test/helpers/db.ts';
import type {
  BodySeats,
  OrganisationResponse,
  UnitDetail,
  UnitPeople,
} from '../../../contracts/org.ts';
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
    expect(detail.peopleVisible).toBe(true);
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
    expect(otherUnit.json<UnitDetail>().peopleVisible).toBe(false);
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
