import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgrammeProgress } from '../../src/contracts/programmes.ts';
import type { Candidates, SessionDetail } from '../../src/contracts/sessions.ts';
import { stockholmDate, stockholmLocal } from '../../src/domain/dates.ts';
import { DEMO_PASSWORD } from '../../src/server/features/demo/generator.ts';
import {
  addAccount,
  caller,
  courseId,
  employeesOf,
  listOwner,
  personOf,
  programmeId,
  unitId,
} from '../helpers/accounts.ts';
import { seededApp } from '../helpers/app.ts';
import { BACKENDS } from '../helpers/db.ts';

/**
 * Each finding of the access review of 2026-12 as a test that failed on the code before the
 * policy layer (see issue 14): a scoped owner acting outside their office, a trainer marking
 * himself or others, owners approving themselves, drafts reaching trainers, a throttle burst,
 * and more.
 */
const MISSING = '00000000-0000-4000-8000-000000000000';
const HOUR = 3_600_000;
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe.each(BACKENDS)('the findings of the access review on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const local = (hours: number) => stockholmLocal(new Date(now().getTime() + hours * HOUR));
  const today = () => stockholmDate(now());
  let call: ReturnType<typeof caller>;
  const cookies = new Map<string, string>();
  const as = async (username: string) => {
    if (!cookies.has(username)) cookies.set(username, await t.login(username));
    return cookies.get(username) ?? '';
  };
  let vnr = '';
  let socPeople: string[] = [];
  let socOwner = '';

  beforeAll(async () => {
    t = await seededApp(backend, {}, now);
    call = caller(t);
    vnr = await programmeId(t, 'VNR-2025');
    socPeople = await employeesOf(t, 'SOC');
    // A programme owner scoped to Socialkontoret, listed as an owner of the violence programme.
    socOwner = await addAccount(t, {
      username: 'agare-soc',
      role: 'programme_owner',
      scopeUnitCode: 'SOC',
      personId: socPeople[0] ?? null,
    });
    await listOwner(t, 'VNR-2025', 'agare-soc');
  });
  afterAll(() => t.close());

  it('a programme owner scoped to an office acts only within it', async () => {
    const outside = await personOf(t, 'anstalld'); // works in a library (culture office)
    const inside = socPeople[1] as string;
    const missingPage = await call(socOwner, 'GET', `/api/people/${MISSING}/programmes`);
    const outsidePage = await call(socOwner, 'GET', `/api/people/${outside}/programmes`);
    expect(outsidePage.status).toBe(404);
    expect(outsidePage.body).toEqual(missingPage.body);
    expect((await call(socOwner, 'GET', `/api/people/${inside}/programmes`)).status).toBe(200);

    const exempt = (personId: string) =>
      call(socOwner, 'POST', `/api/programmes/${vnr}/exemptions`, { personId, reason: 'x' });
    const exemptOutside = await exempt(outside);
    expect(exemptOutside.status).toBe(404);
    expect(exemptOutside.body).toEqual((await exempt(MISSING)).body);
    expect((await exempt(inside)).body).toEqual({ exempt: true });
    await call(socOwner, 'POST', `/api/programmes/${vnr}/exemptions`, {
      personId: inside,
      reason: '',
    });

    const web = await courseId(t, 'WEBBKURS-VALD');
    const register = (personId: string) =>
      call(socOwner, 'POST', '/api/completions', { personId, courseId: web, completedOn: today() });
    const registerOutside = await register(outside);
    expect(registerOutside.status).toBe(400);
    expect(registerOutside.body).toEqual((await register(MISSING)).body);
    expect((await register(inside)).status).toBe(200);

    // The employee's certificate and report: for their manager, not for the other office's owner.
    const report = await call<{ id: string; evidenceId: string }>(
      await as('anstalld'),
      'POST',
      '/api/me/completions',
      {
        courseId: web,
        completedOn: today(),
        certificate: { fileName: 'intyg.pdf', contentBase64: PDF.toString('base64') },
      },
    );
    expect(report.status).toBe(200);
    const queue = await call<{ approvals: { id: string }[] }>(socOwner, 'GET', '/api/approvals');
    expect(queue.body.approvals.map((a) => a.id)).not.toContain(report.body.id);
    const decide = await call(socOwner, 'POST', `/api/completions/${report.body.id}/decision`, {
      decision: 'accept',
    });
    expect(decide.status).toBe(404);
    expect(decide.body).toEqual(
      (await call(socOwner, 'POST', `/api/completions/${MISSING}/decision`, { decision: 'accept' }))
        .body,
    );
    expect((await call(socOwner, 'GET', `/api/evidence/${report.body.evidenceId}`)).status).toBe(
      404,
    );
    expect(
      (await call(await as('chef'), 'GET', `/api/evidence/${report.body.evidenceId}`)).status,
    ).toBe(200);

    const history = (code: string) =>
      call(socOwner, 'GET', `/api/org/units/${code}/history`).then((r) => r.status);
    expect(await history(await unitId(t, 'BUK'))).toBe(404);
    expect(await history(await unitId(t, 'SOC'))).toBe(200);

    // Sessions of the programme: the scoped owner books, finds and sees only their office.
    const session = await call<SessionDetail>(await as('strateg'), 'POST', '/api/sessions', {
      courseId: await courseId(t, 'GRUPPSAMTAL-VALD'),
      startsAt: local(72),
      endsAt: local(74),
      place: 'Stadshuset',
      capacity: 30,
    });
    expect(session.status).toBe(200);
    const sessionUrl = `/api/sessions/${session.body.id}`;
    expect(
      (await call(await as('strateg'), 'POST', `${sessionUrl}/bookings`, { personId: outside }))
        .status,
    ).toBe(200);
    const bookOutside = await call(socOwner, 'POST', `${sessionUrl}/bookings`, {
      personId: outside,
    });
    expect(bookOutside.status).toBe(400);
    expect(bookOutside.body).toEqual(
      (await call(socOwner, 'POST', `${sessionUrl}/bookings`, { personId: MISSING })).body,
    );
    const seen = await call<SessionDetail>(socOwner, 'GET', sessionUrl);
    expect(seen.body.participants.map((p) => p.personId)).not.toContain(outside);
    const seenByStrategist = await call<SessionDetail>(await as('strateg'), 'GET', sessionUrl);
    expect(seenByStrategist.body.participants.map((p) => p.personId)).toContain(outside);
    const outsider = await t.db
      .selectFrom('people')
      .select(['first_name', 'last_name'])
      .where('id', '=', outside)
      .executeTakeFirstOrThrow();
    const found = await call<Candidates>(
      socOwner,
      'GET',
      `${sessionUrl}/candidates?q=${encodeURIComponent(outsider.last_name)}`,
    );
    expect(found.status).toBe(200);
    expect(found.body.people.map((p) => p.id)).not.toContain(outside);
    const pdf = await call(socOwner, 'GET', `${sessionUrl}/attendance.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.response.rawPayload.toString('latin1')).not.toContain(outsider.last_name);
  });

  it('a trainer marks neither himself nor people outside his units, and schedules nothing in the past', async () => {
    const trainer = await as('utbildare');
    const group = await courseId(t, 'GRUPPSAMTAL-VALD');
    const session = await call<SessionDetail>(trainer, 'POST', '/api/sessions', {
      courseId: group,
      startsAt: local(1),
      endsAt: local(3),
      place: 'Konferensrum Eken',
      capacity: 10,
    });
    expect(session.status).toBe(200);
    // Somebody who started in the office today, not yet assigned by the daily sync.
    const tenant = await t.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
    const newcomer = await t.db
      .insertInto('people')
      .values({
        tenant_id: tenant.id,
        first_name: 'Ny',
        last_name: 'Medarbetare',
        employee_number: 'N-1',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('employments')
      .values({
        tenant_id: tenant.id,
        person_id: newcomer.id,
        unit_id: await unitId(t, 'SOC'),
        title: 'Socialsekreterare',
        is_manager: false,
        start_date: today(),
      })
      .execute();

    offset += 90 * 60_000;
    try {
      const mark = (personId: string) =>
        call(trainer, 'PUT', `/api/sessions/${session.body.id}/attendance`, {
          personId,
          attendance: 'present',
          walkIn: true,
        });
      expect(await mark(await personOf(t, 'utbildare'))).toMatchObject({
        status: 403,
        body: { error: { code: 'own_training' } },
      });
      const outside = await mark(await personOf(t, 'anstalld'));
      expect(outside.status).toBe(400);
      expect(outside.body).toEqual((await mark(MISSING)).body);
      expect(await mark(newcomer.id)).toMatchObject({
        status: 400,
        body: { error: { code: 'not_assigned' } },
      });
      expect((await mark(socPeople[5] as string)).status).toBe(200);
    } finally {
      offset -= 90 * 60_000;
    }

    const past = {
      courseId: group,
      startsAt: local(-30),
      endsAt: local(-28),
      place: 'Eken',
      capacity: 10,
    };
    expect(await call(trainer, 'POST', '/api/sessions', past)).toMatchObject({
      status: 400,
      body: { error: { code: 'session_in_past' } },
    });
    expect((await call(trainer, 'POST', '/api/sessions', { ...past, held: true })).status).toBe(
      403,
    );
    const held = await call<SessionDetail>(await as('strateg'), 'POST', '/api/sessions', {
      ...past,
      held: true,
    });
    expect(held.status).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', held.body.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('session.record_held');
  });

  it("nobody registers their own training, and a file's owners must hold a role that owns", async () => {
    const strategist = await as('strateg');
    const own = await call(strategist, 'POST', '/api/completions', {
      personId: await personOf(t, 'strateg'),
      courseId: await courseId(t, 'WEBBKURS-VALD'),
      completedOn: today(),
    });
    expect(own).toMatchObject({ status: 403, body: { error: { code: 'own_training' } } });

    const file = (await import('../../docs/examples/violence-in-close-relationships.json', {
      with: { type: 'json' },
    })) as { default: Record<string, unknown> };
    const made = await call(strategist, 'PUT', '/api/programmes', {
      ...file.default,
      owners: ['strateg', 'anstalld'],
    });
    expect(made.status).toBe(400);
    expect(made.body).toMatchObject({
      error: { details: [{ path: 'owners.1', code: 'may_not_own' }] },
    });

    // An employee listed as owner (as older data could have it) gains nothing by it.
    await listOwner(t, 'HOT-VALD-ARBETE', 'anstalld');
    const employee = await as('anstalld');
    const self = await call(employee, 'POST', '/api/completions', {
      personId: await personOf(t, 'anstalld'),
      courseId: await courseId(t, 'WEBBKURS-VALD'),
      completedOn: today(),
    });
    expect(self.status).toBe(403);
    const threats = await programmeId(t, 'HOT-VALD-ARBETE');
    expect(
      (await call(employee, 'GET', `/api/programmes/${threats}/trainer-candidates?q=an`)).status,
    ).toBe(404);
    expect((await call(employee, 'GET', '/api/programmes')).status).toBe(403);
  });

  it("keeps a draft's figures away from trainers: no trainers, planning or sessions views", async () => {
    const draft = await programmeId(t, 'FORTROENDEVALDA-TRYGGHET');
    const trainer = await as('utbildare');
    for (const view of ['trainers', 'planning', 'sessions', 'progress']) {
      const answer = await call(trainer, 'GET', `/api/programmes/${draft}/${view}`);
      expect(answer.status, view).toBe(404);
      expect(answer.body).toEqual(
        (await call(trainer, 'GET', `/api/programmes/${MISSING}/${view}`)).body,
      );
    }
  });

  it('lets no concurrent burst of wrong passwords past the throttle', async () => {
    await addAccount(t, { username: 'burst', role: 'employee' });
    const attempt = (password: string, address: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'burst', password },
        remoteAddress: address,
      });
    const wrong = await Promise.all(
      Array.from({ length: 15 }, (_, i) => attempt('wrong password', `10.0.1.${i}`)),
    );
    const statuses = wrong.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect((await attempt(DEMO_PASSWORD, '10.0.2.1')).statusCode).toBe(429);
  });

  it('stops a calendar feed when its account is disabled', async () => {
    const cookie = await addAccount(t, {
      username: 'kalender',
      role: 'employee',
      personId: socPeople[7] ?? null,
    });
    const feed = await call<{ url: string }>(cookie, 'POST', '/api/me/calendar-feed');
    const path = new URL(feed.body.url).pathname;
    expect((await t.app.inject({ url: path })).statusCode).toBe(200);
    await t.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('username', '=', 'kalender')
      .execute();
    expect((await t.app.inject({ url: path })).statusCode).toBe(404);
  });

  it('hides a committee of one from board-level readers, and what would give it away', async () => {
    const admin = await as('admin');
    const body = await call<{ id: string }>(admin, 'POST', '/api/org/bodies', {
      code: 'ENMANS',
      name: 'Enmansnämnden',
      kind: 'committee',
    });
    const official = await t.db
      .selectFrom('people')
      .select('id')
      .where('employee_number', 'is', null)
      .executeTakeFirstOrThrow();
    const seat = await call(admin, 'POST', `/api/org/people/${official.id}/seats`, {
      bodyId: body.body.id,
      role: 'member',
      termStart: '2026-01-01',
    });
    expect(seat.status).toBe(200);
    const hbtq = await programmeId(t, 'HBTQ-2026');
    const figures = async (username: string) =>
      (
        await call<ProgrammeProgress>(
          await as(username),
          'GET',
          `/api/programmes/${hbtq}/progress?node=all`,
        )
      ).body.targets.find((target) => target.code === 'POLITIKER-30')!;
    const board = await figures('fortroendevald');
    const tiny = board.nodes.find((n) => n.id === body.body.id)!;
    expect(tiny).toMatchObject({ suppressed: true, eligible: null, completed: null, status: null });
    // The next smallest committee is hidden too, or the whole minus the rest would tell.
    expect(board.nodes.filter((n) => n.kind === 'body' && n.suppressed).length).toBeGreaterThan(1);
    const owner = await figures('strateg');
    expect(owner.nodes.find((n) => n.id === body.body.id)).toMatchObject({
      suppressed: false,
      eligible: 1,
    });
    const csv = await call(
      await as('fortroendevald'),
      'GET',
      `/api/programmes/${hbtq}/progress/export?format=csv&lang=sv`,
    );
    const row = csv.response.body.split('\r\n').find((line) => line.includes('Enmansnämnden'));
    expect(row).toContain('Dolt');
    expect(row?.split(';').slice(6, 9)).toEqual(['Dolt', 'Dolt', 'Dolt']);
  });

  it('marks authenticated answers no-store and takes no import a cross-site form could send', async () => {
    const me = await call(await as('admin'), 'GET', '/api/auth/me');
    expect(me.response.headers['cache-control']).toBe('no-store');
    const plain = await call(
      await as('admin'),
      'POST',
      '/api/imports/units/preview?fileName=x.csv',
      'enhetskod;namn\nX;Y\n',
      { 'content-type': 'text/plain' },
    );
    expect(plain.status).toBe(415);
  });
});
