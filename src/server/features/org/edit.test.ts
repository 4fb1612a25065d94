import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../../test/helpers/app.ts';
import { BACKENDS } from '../../../../test/helpers/db.ts';
import type { PersonDetail } from '../../../contracts/org.ts';
import { createTenant } from '../tenants/service.ts';

describe.each(BACKENDS)('hand edits of the organisation on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  let admin: string;
  const send = (
    method: 'POST' | 'PATCH',
    url: string,
    payload: Record<string, unknown>,
    cookie = admin,
  ) => t.app.inject({ method, url, payload, headers: { cookie } });
  const unitId = async (code: string) =>
    (
      await t.db
        .selectFrom('org_units')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).id;
  const auditActions = async () =>
    (await t.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);

  beforeAll(async () => {
    t = await seededApp(backend);
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('creates, renames, moves and closes units, refusing what would break the tree', async () => {
    const created = await send('POST', '/api/org/units', {
      code: 'KFK-09',
      name: 'Ungdomens hus',
      parentId: await unitId('KFK'),
      kind: 'department',
    });
    expect(created.statusCode).toBe(200);
    const id = created.json<{ id: string }>().id;
    const child = await send('POST', '/api/org/units', {
      code: 'KFK-09-001',
      name: 'Musikstudion',
      parentId: id,
      kind: 'unit',
    });
    const childId = child.json<{ id: string }>().id;

    const duplicate = await send('POST', '/api/org/units', {
      code: 'KFK-09',
      name: 'X',
      parentId: id,
      kind: 'unit',
    });
    expect(duplicate.statusCode).toBe(400);
    expect(
      duplicate.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path,
    ).toBe('body.code');

    const loop = await send('PATCH', `/api/org/units/${id}`, { parentId: childId });
    expect(loop.statusCode).toBe(400);
    expect(loop.json<{ error: { message: string } }>().error.message).toContain(
      'cannot be placed under itself',
    );

    expect(
      (await send('PATCH', `/api/org/units/${id}`, { name: 'Ungdomens hus Centrum' })).statusCode,
    ).toBe(200);
    const closeParent = await send('POST', `/api/org/units/${id}/close`, { validTo: '2026-12-31' });
    expect(closeParent.statusCode).toBe(409);
    expect(
      (await send('POST', `/api/org/units/${childId}/close`, { validTo: '2026-12-31' })).statusCode,
    ).toBe(200);
    expect(
      (await send('POST', `/api/org/units/${await unitId('KFK')}/close`, { validTo: '2026-12-31' }))
        .statusCode,
    ).toBe(409);

    const renamed = await t.db
      .selectFrom('org_units')
      .select('name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(renamed.name).toBe('Ungdomens hus Centrum');
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['unit.create', 'unit.update', 'unit.close']),
    );
  });

  it('corrects a person and adds and ends employments and seats', async () => {
    const person = await t.db
      .selectFrom('people')
      .select('id')
      .where('employee_number', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(
      (
        await send('PATCH', `/api/org/people/${person.id}`, {
          lastName: 'Lindqvist-Öberg',
          email: 'Ny.Adress@alvsala.se',
        })
      ).statusCode,
    ).toBe(200);

    const employment = await send('POST', `/api/org/people/${person.id}/employments`, {
      unitId: await unitId('SOC'),
      title: 'Utredare',
      startDate: '2026-12-01',
    });
    expect(employment.statusCode).toBe(200);
    const employmentId = employment.json<{ id: string }>().id;
    const early = await send('POST', `/api/org/employments/${employmentId}/end`, {
      endDate: '2026-11-01',
    });
    expect(early.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toBe(
      'body.endDate',
    );
    expect(
      (await send('POST', `/api/org/employments/${employmentId}/end`, { endDate: '2027-05-31' }))
        .statusCode,
    ).toBe(200);

    const body = await t.db
      .selectFrom('political_bodies')
      .select('id')
      .where('code', '=', 'SN')
      .executeTakeFirstOrThrow();
    const seat = await send('POST', `/api/org/people/${person.id}/seats`, {
      bodyId: body.id,
      role: 'substitute',
      termStart: '2027-01-01',
    });
    const seatId = seat.json<{ id: string }>().id;
    expect(
      (await send('POST', `/api/org/seats/${seatId}/end`, { endDate: '2027-06-30' })).statusCode,
    ).toBe(200);

    const detail = (
      await t.app.inject({ url: `/api/org/people/${person.id}`, headers: { cookie: admin } })
    ).json<PersonDetail>();
    expect(detail.person.email).toBe('ny.adress@alvsala.se');
    expect(detail.employments.find((e) => e.id === employmentId)).toMatchObject({
      title: 'Utredare',
      endDate: '2027-05-31',
    });
    expect(detail.seats.find((s) => s.id === seatId)).toMatchObject({
      role: 'substitute',
      termEnd: '2027-06-30',
    });
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        'person.update',
        'employment.create',
        'employment.end',
        'seat.create',
        'seat.end',
      ]),
    );
  });

  it('splits an employee and an elected official that an import matched on e-mail', async () => {
    const both = await t.db
      .selectFrom('people')
      .innerJoin('seats', 'seats.person_id', 'people.id')
      .select(['people.id', 'people.official_number'])
      .where('people.employee_number', 'is not', null)
      .where('people.official_number', 'is not', null)
      .executeTakeFirstOrThrow();
    const split = await send('POST', `/api/org/people/${both.id}/split`, {});
    expect(split.statusCode).toBe(200);
    const officialId = split.json<{ id: string }>().id;
    const employee = (
      await t.app.inject({ url: `/api/org/people/${both.id}`, headers: { cookie: admin } })
    ).json<PersonDetail>();
    const official = (
      await t.app.inject({ url: `/api/org/people/${officialId}`, headers: { cookie: admin } })
    ).json<PersonDetail>();
    expect(employee.person.officialNumber).toBeNull();
    expect(employee.seats).toEqual([]);
    expect(employee.employments.length).toBeGreaterThan(0);
    expect(official.person.officialNumber).toBe(both.official_number);
    expect(official.seats.length).toBeGreaterThan(0);
    expect(official.employments).toEqual([]);
    expect((await send('POST', `/api/org/people/${both.id}/split`, {})).statusCode).toBe(409);
  });

  it('creates a political body served by an office, so a new municipality can import its roster', async () => {
    const office = await unitId('KSK');
    const created = await send('POST', '/api/org/bodies', {
      code: 'VN',
      name: 'Valnämnden',
      kind: 'committee',
      officeIds: [office],
    });
    expect(created.statusCode).toBe(200);
    const org = (await t.app.inject({ url: '/api/org', headers: { cookie: admin } })).json<{
      bodies: { code: string; offices: { id: string }[] }[];
    }>();
    expect(org.bodies.find((b) => b.code === 'VN')?.offices).toEqual([
      expect.objectContaining({ id: office }),
    ]);
    const duplicate = await send('POST', '/api/org/bodies', {
      code: 'VN',
      name: 'Valnämnden',
      kind: 'committee',
    });
    expect(
      duplicate.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path,
    ).toBe('body.code');
    const badOffice = await send('POST', '/api/org/bodies', {
      code: 'X',
      name: 'X',
      kind: 'committee',
      officeIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(
      badOffice.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path,
    ).toBe('body.officeIds.0');
  });

  it('is for administrators only and never reaches another municipality', async () => {
    const chef = await t.login('chef');
    expect(
      (await send('PATCH', `/api/org/units/${await unitId('KFK')}`, { name: 'X' }, chef))
        .statusCode,
    ).toBe(403);
    const other = await createTenant(t.db, 'annanstad', 'Annan kommun');
    const foreign = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('tenant_id', '=', other.id)
      .executeTakeFirstOrThrow();
    const response = await send('PATCH', `/api/org/units/${foreign.id}`, { name: 'Kapad' });
    expect(response.statusCode).toBe(404);
    const unknownField = await send('PATCH', `/api/org/units/${await unitId('KFK')}`, {
      colour: 'blå',
    });
    expect(unknownField.statusCode).toBe(400);
  });
});
