import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { stockholmLocal } from '../../src/domain/dates.ts';
import { DEMO_PASSWORD } from '../../src/server/features/demo/generator.ts';
import { seedDemo } from '../../src/server/features/demo/seed.ts';
import {
  addAccount,
  courseId,
  employeesOf,
  listOwner,
  personOf,
  programmeId,
  unitId,
} from '../helpers/accounts.ts';
import { seededApp } from '../helpers/app.ts';
import type { Backend } from '../helpers/db.ts';

/**
 * A municipality with an account of every role (and an owner scoped to one office), objects
 * inside and outside each one's scope, and a second municipality beside it: what the access
 * matrix and the leak property ask their questions of.
 */
export const ACTORS = [
  'admin',
  'strateg',
  'agare',
  'utbildare',
  'chef',
  'anstalld',
  'fortroendevald',
  'sakerhet',
  'skyddsombud',
] as const;
export type ActorName = (typeof ACTORS)[number];

export const MISSING = '00000000-0000-4000-8000-000000000000';
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

export async function accessFixture(backend: Backend) {
  const t = await seededApp(backend);
  const tenant = await t.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
  const soc = await employeesOf(t, 'SOC');
  const chefUnit = await t.db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('org_units as o', 'o.id', 'g.scope_unit_id')
    .select(['o.id', 'o.code'])
    .where('u.username', '=', 'chef')
    .executeTakeFirstOrThrow();
  // A programme owner of Socialkontoret only, listed as an owner of the violence programme.
  await addAccount(t, {
    username: 'agare',
    role: 'programme_owner',
    scopeUnitCode: 'SOC',
    personId: soc[1] ?? null,
  });
  await listOwner(t, 'VNR-2025', 'agare');

  // A librarian of the manager's unit besides the demo's own logins.
  const librarian = await t.db
    .insertInto('people')
    .values({
      tenant_id: tenant.id,
      first_name: 'Bibi',
      last_name: 'Bok',
      employee_number: 'LIB-1',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('employments')
    .values({
      tenant_id: tenant.id,
      person_id: librarian.id,
      unit_id: chefUnit.id,
      title: 'Bibliotekarie',
      is_manager: false,
      start_date: '2020-01-01',
    })
    .execute();
  const people = {
    soc: soc[0] as string,
    lib: librarian.id,
    buk: (await employeesOf(t, 'BUK'))[0] as string,
    official: (
      await t.db
        .selectFrom('seats as s')
        .innerJoin('people as p', 'p.id', 's.person_id')
        .select('p.id')
        .where('p.employee_number', 'is', null)
        .where('s.person_id', '!=', await personOf(t, 'fortroendevald'))
        .executeTakeFirstOrThrow()
    ).id,
  };
  const self: Partial<Record<ActorName, string>> = {};
  for (const actor of ACTORS) {
    const row = await t.db
      .selectFrom('users')
      .select('person_id')
      .where('username', '=', actor)
      .executeTakeFirstOrThrow();
    if (row.person_id) self[actor] = row.person_id;
  }
  const bodies = {
    kfn: (
      await t.db
        .selectFrom('political_bodies')
        .select('id')
        .where('code', '=', 'KFN')
        .executeTakeFirstOrThrow()
    ).id,
    other: (
      await t.db
        .selectFrom('political_bodies')
        .select('id')
        .where('code', '!=', 'KFN')
        .executeTakeFirstOrThrow()
    ).id,
  };
  const units = { soc: await unitId(t, 'SOC'), lib: chefUnit.id, buk: await unitId(t, 'BUK') };
  const programmes = {
    vnr: await programmeId(t, 'VNR-2025'),
    draft: await programmeId(t, 'FORTROENDEVALDA-TRYGGHET'),
  };
  const courses = {
    web: await courseId(t, 'WEBBKURS-VALD'),
    group: await courseId(t, 'GRUPPSAMTAL-VALD'),
    draftSession: await courseId(t, 'HOT-HAT-POL'),
  };

  const login = async (db: typeof t, username: string, code: string) => {
    const response = await db.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD, tenant: code },
    });
    const cookie = response.cookies[0];
    if (!cookie) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
    return `${cookie.name}=${cookie.value}`;
  };

  // Sessions: one of the programme for the trainer's office, one of the draft.
  const local = (hours: number) => stockholmLocal(new Date(Date.now() + hours * 3_600_000));
  const make = async (username: string, course: string, hours: number) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { cookie: await t.login(username) },
      payload: {
        courseId: course,
        startsAt: local(hours),
        endsAt: local(hours + 2),
        place: 'Stadshuset',
        capacity: 40,
      },
    });
    if (response.statusCode !== 200) throw new Error(`session: ${response.body}`);
    return response.json<{ id: string }>().id;
  };
  const sessions = {
    soc: await make('utbildare', courses.group, 48),
    draft: await make('strateg', courses.draftSession, 60),
  };

  // Pending self-reports with certificates, of a social worker and a librarian.
  const admin = await t.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const pending = async (personId: string) => {
    const evidence = await t.db
      .insertInto('evidence_files')
      .values({
        tenant_id: tenant.id,
        person_id: personId,
        file_name: 'intyg.pdf',
        content_type: 'application/pdf',
        size_bytes: PDF.length,
        sha256: randomUUID(),
        content: PDF,
        uploaded_by: admin.id,
        uploaded_by_label: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const completion = await t.db
      .insertInto('completions')
      .values({
        tenant_id: tenant.id,
        person_id: personId,
        course_id: courses.web,
        completed_on: local(-24).slice(0, 10),
        source: 'self_report',
        status: 'pending',
        evidence_file_id: evidence.id,
        recorded_by: admin.id,
        recorded_by_label: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { completion: completion.id, evidence: evidence.id };
  };
  const reports = { soc: await pending(people.soc), lib: await pending(people.lib) };

  /** A fresh booking of a person on the office's session (written directly: any person). */
  const booking = async (personId: string) => {
    await t.db
      .updateTable('bookings')
      .set({ status: 'cancelled', cancelled_at: new Date(), cancelled_by_label: 'test' })
      .where('session_id', '=', sessions.soc)
      .where('status', '!=', 'cancelled')
      .where('person_id', '=', personId)
      .execute();
    return (
      await t.db
        .insertInto('bookings')
        .values({
          tenant_id: tenant.id,
          session_id: sessions.soc,
          person_id: personId,
          status: 'booked',
          walk_in: false,
          booked_by: admin.id,
          booked_by_label: 'test',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };

  // An account for the administrators' account routes to act on (not one of the actors).
  await addAccount(t, { username: 'konto', role: 'employee' });
  const accounts = {
    target: (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .where('username', '=', 'konto')
        .executeTakeFirstOrThrow()
    ).id,
  };
  // The other municipality, with objects of every kind.
  await seedDemo(t.db, {
    employees: 60,
    seed: 11,
    tenant: { code: 'andra', name: 'Andra kommun' },
  });
  const other = await t.db
    .selectFrom('tenants')
    .select('id')
    .where('code', '=', 'andra')
    .executeTakeFirstOrThrow();
  const first = async (
    table:
      | 'people'
      | 'org_units'
      | 'political_bodies'
      | 'programmes'
      | 'training_sessions'
      | 'completions'
      | 'employments'
      | 'seats'
      | 'courses'
      | 'bookings'
      | 'users',
  ) => {
    const row = await sql<{
      id: string;
    }>`SELECT id FROM ${sql.table(table)} WHERE tenant_id = ${other.id} LIMIT 1`.execute(t.db);
    if (!row.rows[0]) throw new Error(`the other municipality has no ${table}`);
    return row.rows[0].id;
  };
  const foreign = {
    person: await first('people'),
    unit: await first('org_units'),
    body: await first('political_bodies'),
    programme: await first('programmes'),
    session: await first('training_sessions'),
    completion: await first('completions'),
    employment: await first('employments'),
    seat: await first('seats'),
    course: await first('courses'),
    booking: await first('bookings'),
    account: await first('users'),
    mail: '',
  };
  /** A mail in the outbox of a municipality, to an account of it. */
  const mailTo = async (tenantId: string, userId: string) =>
    (
      await t.db
        .insertInto('mail_messages')
        .values({
          tenant_id: tenantId,
          recipient_id: userId,
          to_address: 'konto@exempel.se',
          subject: 'Ett meddelande',
          text_body: 'Text',
          html_body: '<p>Text</p>',
          items: 1,
          mandatory: false,
          status: 'outbox',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const mail = await mailTo(tenant.id, accounts.target);
  foreign.mail = await mailTo(other.id, foreign.account);

  /** A fresh grant on an account (any account of either municipality), to be withdrawn. */
  const grant = async (userId: string) => {
    const owner = await t.db
      .selectFrom('users')
      .select('tenant_id')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    await t.db
      .deleteFrom('role_grants')
      .where('user_id', '=', userId)
      .where('role', '=', 'safety_representative')
      .execute();
    return (
      await t.db
        .insertInto('role_grants')
        .values({ tenant_id: owner.tenant_id, user_id: userId, role: 'safety_representative' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  const withdrawTrainer = (userId: string) =>
    t.db
      .deleteFrom('role_grants')
      .where('user_id', '=', userId)
      .where('role', '=', 'trainer')
      .execute();

  const cookies = {} as Record<ActorName, string>;
  for (const actor of ACTORS) cookies[actor] = await login(t, actor, 'demo');
  const foreignAdmin = await login(t, 'admin', 'andra');

  return {
    t,
    cookies,
    foreignAdmin,
    people,
    self,
    units,
    bodies,
    programmes,
    courses,
    sessions,
    reports,
    booking,
    foreign,
    accounts,
    mail,
    grant,
    withdrawTrainer,
  };
}

export type AccessFixture = Awaited<ReturnType<typeof accessFixture>>;
