import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../../test/helpers/app.ts';
import { BACKENDS } from '../../../../test/helpers/db.ts';
import { exampleProgrammes } from '../demo/programmes.ts';
import type {
  MyTraining,
  ProgrammeFile,
  PersonProgrammes,
  ProgrammeList,
  ProgrammePeople,
  ReusableCourses,
  ProgrammeProgress,
} from '../../../contracts/programmes.ts';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const today = new Date().toISOString().slice(0, 10);

describe.each(BACKENDS)('programme API on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  const cookies = new Map<string, string>();
  const as = async (username: string) => {
    if (!cookies.has(username)) cookies.set(username, await t.login(username));
    return { cookie: cookies.get(username) ?? '' };
  };
  const get = async <T>(username: string, url: string) => {
    const response = await t.app.inject({ method: 'GET', url, headers: await as(username) });
    const json = response.headers['content-type']?.toString().startsWith('application/json');
    return { status: response.statusCode, body: (json ? response.json() : null) as T, response };
  };
  const post = async (username: string, url: string, payload: unknown) => {
    const response = await t.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: await as(username),
    });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };
  const violence = async (username = 'strateg') =>
    (await get<ProgrammeList>(username, '/api/programmes')).body.programmes.find(
      (p) => p.code === 'VNR-2025',
    )!;
  /** The outbox's notifications about one completion, with their recipients' account names. */
  const outbox = (completionId: string) =>
    t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.recipient_id')
      .select(['u.username', 'n.event', 'n.payload', 'n.link', 'n.sent_at'])
      .where('n.dedup_key', 'like', `%|${completionId}|%`)
      .execute();
  const webCourse = (training: MyTraining) =>
    training.programmes
      .find((p) => p.code === 'VNR-2025')
      ?.courses.find((c) => c.code === 'WEBBKURS-VALD');

  beforeAll(async () => {
    t = await seededApp(backend);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives each programme as the file it amounts to, which applies as no change', async () => {
    const { body } = await get<ProgrammeList>('strateg', '/api/programmes');
    for (const example of exampleProgrammes()) {
      const id = body.programmes.find((p) => p.code === example.code)?.id ?? '';
      const file = await get<ProgrammeFile>('strateg', `/api/programmes/${id}/file`);
      expect(file.status).toBe(200);
      const expected = { ...example, owners: [...example.owners].sort() };
      delete expected.$schema;
      expect(file.body).toEqual(expected);

      const before = await t.db
        .selectFrom('assignments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('programme_id', '=', id)
        .executeTakeFirstOrThrow();
      const applied = await t.app.inject({
        method: 'PUT',
        url: '/api/programmes',
        payload: file.body,
        headers: await as('strateg'),
      });
      expect(applied.statusCode, applied.body).toBe(200);
      expect((await get<ProgrammeFile>('strateg', `/api/programmes/${id}/file`)).body).toEqual(
        file.body,
      );
      const after = await t.db
        .selectFrom('assignments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('programme_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    }
    // The file names the owners: those who only read the figures do not get it.
    const active = body.programmes.find((p) => p.code === 'VNR-2025')?.id ?? '';
    expect((await get('chef', `/api/programmes/${active}/file`)).status).toBe(403);
  });

  it('names who really decides: the manager for staff, the programme owner for an elected official', async () => {
    const employee = webCourse((await get<MyTraining>('anstalld', '/api/me/training')).body);
    expect(employee).toMatchObject({ approval: 'manager', decidedBy: 'manager' });
    const official = webCourse((await get<MyTraining>('fortroendevald', '/api/me/training')).body);
    expect(official).toMatchObject({ approval: 'manager', decidedBy: 'programme_owner' });
  });

  it("shows an employee their training and why it is theirs, but no programme's figures", async () => {
    const mine = await get<MyTraining>('anstalld', '/api/me/training');
    expect(mine.status).toBe(200);
    expect(mine.body.linked).toBe(true);
    const programme = mine.body.programmes.find((p) => p.code === 'VNR-2025');
    expect(programme?.why.via).toBe('employment');
    expect(programme?.why.place).not.toBe('');
    expect(webCourse(mine.body)).toMatchObject({ state: 'todo', canSelfReport: true });
    expect((await get('anstalld', '/api/programmes')).status).toBe(403);
    const id = (await violence()).id;
    expect((await get('anstalld', `/api/programmes/${id}/progress`)).status).toBe(404);
  });

  it('refuses a certificate that is not a PDF or image, and a missing one, naming the field', async () => {
    const course = webCourse((await get<MyTraining>('anstalld', '/api/me/training')).body)!;
    const html = await post('anstalld', '/api/me/completions', {
      courseId: course.id,
      completedOn: today,
      certificate: {
        fileName: 'intyg.pdf',
        contentBase64: Buffer.from('<html><script>x</script>').toString('base64'),
      },
    });
    expect(html.status).toBe(400);
    expect(html.body).toMatchObject({ error: { details: [{ path: 'body.certificate' }] } });
    const none = await post('anstalld', '/api/me/completions', {
      courseId: course.id,
      completedOn: today,
    });
    expect(none.status).toBe(400);
    const future = await post('anstalld', '/api/me/completions', {
      courseId: course.id,
      completedOn: '2999-01-01',
      certificate: { fileName: 'intyg.pdf', contentBase64: PDF.toString('base64') },
    });
    expect(future.body).toMatchObject({ error: { details: [{ path: 'body.completedOn' }] } });
  });

  it('refuses a report of a level whose prerequisite is not done', async () => {
    const mine = await get<MyTraining>('anstalld', '/api/me/training');
    const second = mine.body.programmes
      .find((p) => p.code === 'LIKABEHANDLING')
      ?.courses.find((c) => c.code === 'LIKA-2');
    expect(second?.state).toBe('locked');
    expect(second?.canSelfReport).toBe(false);
    // LIKA-2 is a session (the trainer registers it); the level rule holds for any course kind.
    const refused = await post('anstalld', '/api/me/completions', {
      courseId: second!.id,
      completedOn: today,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { message: expect.stringContaining('opens when LIKA-1 is completed') },
    });
  });

  it('self-report → manager approves → the dashboard moves; others may not decide', async () => {
    const programme = await violence();
    const before = await get<ProgrammeProgress>(
      'strateg',
      `/api/programmes/${programme.id}/progress`,
    );
    const course = webCourse((await get<MyTraining>('anstalld', '/api/me/training')).body)!;
    const reported = await post('anstalld', '/api/me/completions', {
      courseId: course.id,
      completedOn: today,
      certificate: { fileName: 'intyg.pdf', contentBase64: PDF.toString('base64') },
    });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ status: 'pending', source: 'self_report' });
    const again = await post('anstalld', '/api/me/completions', {
      courseId: course.id,
      completedOn: today,
      certificate: { fileName: 'intyg.pdf', contentBase64: PDF.toString('base64') },
    });
    expect(again.status).toBe(409);
    // "My training" was read (and cached) before the report: it shows the report at once.
    expect(webCourse((await get<MyTraining>('anstalld', '/api/me/training')).body)).toMatchObject({
      state: 'pending',
    });

    // A rejection must say why, and the person reads the reason beside their report.
    const refused = await post('chef', `/api/completions/${reported.body.id as string}/decision`, {
      decision: 'reject',
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('body.note');
    const rejected = await post('chef', `/api/completions/${reported.body.id as string}/decision`, {
      decision: 'reject',
      note: 'Intyget gäller en annan kurs.',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected' });
    expect(await outbox(reported.body.id as string)).toEqual([
      {
        username: 'anstalld',
        event: 'completion_rejected',
        payload: expect.objectContaining({ reason: 'Intyget gäller en annan kurs.' }) as unknown,
        link: '/utbildning',
        sent_at: null,
      },
    ]);
    const told = await get<MyTraining>('anstalld', '/api/me/training');
    expect(told.body.history[0]).toMatchObject({
      status: 'rejected',
      decisionNote: 'Intyget gäller en annan kurs.',
    });
    expect(webCourse(told.body)).toMatchObject({ state: 'todo', canSelfReport: true });
    const second = await post('anstalld', '/api/me/completions', {
      courseId: course.id,
      completedOn: today,
      certificate: { fileName: 'intyg.pdf', contentBase64: PDF.toString('base64') },
    });
    expect(second.status).toBe(200);

    const id = second.body.id as string;
    // The employee cannot approve themselves; a trainer of another office does not see it.
    expect(
      await post('anstalld', `/api/completions/${id}/decision`, { decision: 'accept' }),
    ).toMatchObject({ status: 403, body: { error: { code: 'own_training' } } });
    const trainerQueue = await get<{ approvals: { id: string }[] }>('utbildare', '/api/approvals');
    expect(trainerQueue.body.approvals.map((a) => a.id)).not.toContain(id);
    expect(
      (await post('utbildare', `/api/completions/${id}/decision`, { decision: 'accept' })).status,
    ).toBe(404);

    const queue = await get<{ approvals: { id: string; evidenceId: string }[] }>(
      'chef',
      '/api/approvals',
    );
    const pending = queue.body.approvals.find((a) => a.id === id);
    expect(pending).toBeDefined();
    const file = await get('chef', `/api/evidence/${pending!.evidenceId}`);
    expect(file.status).toBe(200);
    expect(file.response.headers['content-type']).toBe('application/pdf');
    expect(file.response.headers['content-disposition']).toContain('attachment');
    expect((await get('fortroendevald', `/api/evidence/${pending!.evidenceId}`)).status).toBe(404);

    const decided = await post('chef', `/api/completions/${id}/decision`, {
      decision: 'accept',
      note: 'Intyget stämmer.',
    });
    expect(decided.body).toMatchObject({ status: 'accepted' });
    // The note of an acceptance is the approver's, not a reason the person is sent.
    expect(await outbox(id)).toEqual([
      {
        username: 'anstalld',
        event: 'completion_approved',
        payload: expect.not.objectContaining({ reason: expect.anything() as unknown }) as unknown,
        link: '/utbildning',
        sent_at: null,
      },
    ]);
    const after = await get<ProgrammeProgress>(
      'strateg',
      `/api/programmes/${programme.id}/progress`,
    );
    const overall = (p: ProgrammeProgress) => p.targets.find((x) => x.code === 'ALLA')!.overall;
    // The course alone does not finish the programme (the group session is also required) …
    expect(overall(after.body).completed).toBe(overall(before.body).completed);
    const mine = await get<MyTraining>('anstalld', '/api/me/training');
    expect(webCourse(mine.body)?.state).toBe('done');
    expect(mine.body.history[0]).toMatchObject({ courseCode: 'WEBBKURS-VALD', status: 'accepted' });
  });

  it('registers and corrects completions by hand, audited, and the figures follow', async () => {
    const programme = await violence();
    const mine = await get<MyTraining>('anstalld', '/api/me/training');
    const session = mine.body.programmes
      .find((p) => p.code === 'VNR-2025')!
      .courses.find((c) => c.code === 'GRUPPSAMTAL-VALD')!;
    const personId = (
      await t.db
        .selectFrom('users')
        .select('person_id')
        .where('username', '=', 'anstalld')
        .executeTakeFirstOrThrow()
    ).person_id!;
    const progress = async () =>
      (
        await get<ProgrammeProgress>('strateg', `/api/programmes/${programme.id}/progress`)
      ).body.targets.find((x) => x.code === 'ALLA')!.overall.completed ?? 0;
    const before = await progress();
    expect(
      (
        await post('chef', '/api/completions', {
          personId,
          courseId: session.id,
          completedOn: today,
        })
      ).status,
    ).toBe(403);
    const registered = await post('strateg', '/api/completions', {
      personId,
      courseId: session.id,
      completedOn: today,
    });
    expect(registered.body).toMatchObject({ source: 'manual', status: 'accepted' });
    expect(await progress()).toBe(before + 1);

    const voided = await post(
      'strateg',
      `/api/completions/${registered.body.id as string}/correction`,
      {
        reason: 'Registrerad på fel person.',
      },
    );
    expect(voided.body).toMatchObject({ voided: true, voidReason: 'Registrerad på fel person.' });
    expect(await progress()).toBe(before);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', registered.body.id as string)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['completion.register', 'completion.correct']);
  });

  it('serves the dashboard level by level, or every node at once', async () => {
    const programme = await violence();
    const url = `/api/programmes/${programme.id}/progress`;
    const top = await get<ProgrammeProgress>('strateg', url);
    const nodes = top.body.targets[0]!.nodes;
    const root = nodes.find((n) => n.id === top.body.focus);
    expect(root?.level).toBe('municipality');
    const units = nodes.filter((n) => n.kind === 'unit');
    expect(units.filter((n) => n.id !== root?.id).every((n) => n.parentId === root?.id)).toBe(true);
    expect(nodes.some((n) => n.kind === 'body')).toBe(true);
    const office = units.find((n) => n.level === 'office')!;
    const down = await get<ProgrammeProgress>('strateg', `${url}?node=${office.id}`);
    expect(down.body.focus).toBe(office.id);
    expect(down.body.targets[0]!.nodes.every((n) => n.kind === 'unit')).toBe(true);
    expect(down.body.targets[0]!.nodes.find((n) => n.id === office.id)?.eligible).toBe(
      office.eligible,
    );
    const all = await get<ProgrammeProgress>('strateg', `${url}?node=all`);
    expect(all.body.focus).toBeNull();
    expect(all.body.targets[0]!.nodes.length).toBeGreaterThan(nodes.length);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await get('strateg', `${url}?node=${unknown}`)).status).toBe(404);
  });

  it("limits a manager's dashboard to their own units", async () => {
    const programme = await violence('chef');
    expect(programme).toBeDefined();
    const scoped = await get<ProgrammeProgress>('chef', `/api/programmes/${programme.id}/progress`);
    expect(scoped.status).toBe(200);
    expect(scoped.body.scopeUnitIds).toHaveLength(1);
    for (const target of scoped.body.targets) {
      expect(target.nodes.every((n) => n.kind === 'unit')).toBe(true);
      expect(target.nodes.length).toBeGreaterThan(0);
      expect(target.nodes.length).toBeLessThan(5);
    }
  });

  it('offers the courses of programmes that are not drafts to start a new course from', async () => {
    const offered = await get<ReusableCourses>('strateg', '/api/courses');
    expect(offered.status).toBe(200);
    expect(offered.body.courses).toContainEqual(
      expect.objectContaining({ code: 'WEBBKURS-VALD', kind: 'web_course', approval: 'manager' }),
    );
    const draftCourses = await t.db
      .selectFrom('courses as c')
      .innerJoin('programmes as p', 'p.id', 'c.programme_id')
      .select('c.code')
      .where('p.status', '=', 'draft')
      .execute();
    expect(draftCourses.length).toBeGreaterThan(0);
    const codes = new Set(offered.body.courses.map((c) => c.code));
    for (const { code } of draftCourses) expect(codes.has(code), code).toBe(false);
    expect((await get('chef', '/api/courses')).status).toBe(403);
  });

  it("shows a manager their own people in a programme, and nobody else's", async () => {
    const programme = await violence('chef');
    const mine = await get<ProgrammePeople>('chef', `/api/programmes/${programme.id}/people`);
    expect(mine.status).toBe(200);
    const employee = t.seed.logins.find((l) => l.username === 'anstalld')?.displayName;
    expect(mine.body.people.map((p) => p.name)).toContain(employee);
    expect(mine.body.courses).toBe(2);
    // Those done carry the day they became done; the others none.
    for (const person of mine.body.people)
      expect(person.completedOn === null, person.name).toBe(!person.done);
    const other = (
      await t.db
        .selectFrom('org_units')
        .select('id')
        .where('code', '=', 'SOC')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await get('chef', `/api/programmes/${programme.id}/people?unit=${other}`)).status).toBe(
      404,
    );
    expect((await get('fortroendevald', `/api/programmes/${programme.id}/people`)).status).toBe(
      400,
    );
    expect(
      (await get('fortroendevald', `/api/programmes/${programme.id}/people?unit=${other}`)).status,
    ).toBe(404);
  });

  it('explains for anyone allowed to see the person why they are in each programme', async () => {
    const personId = (
      await t.db
        .selectFrom('users')
        .select('person_id')
        .where('username', '=', 'anstalld')
        .executeTakeFirstOrThrow()
    ).person_id!;
    const seen = await get<PersonProgrammes>('strateg', `/api/people/${personId}/programmes`);
    expect(seen.body.canManage).toBe(true);
    const violence = seen.body.programmes.find((p) => p.code === 'VNR-2025')!;
    expect(violence).toMatchObject({
      member: true,
      includedBy: {
        rule: 0,
        via: 'employment',
        place: 'Biblioteket Vallby',
        seatRole: null,
        says: {
          roles: ['employee', 'elected_member', 'elected_substitute'],
          units: [],
          titles: [],
          bodies: [],
          startedWithinDays: null,
        },
      },
      excludedBy: null,
    });
    expect(violence.includedBy?.title).toBeTruthy();
    expect(violence.assignment).not.toBeNull();
    const elected = seen.body.programmes.find((p) => p.code === 'HBTQ-2026')!;
    expect(elected.member).toBe(true);
    expect(
      (await get<PersonProgrammes>('chef', `/api/people/${personId}/programmes`)).body.canManage,
    ).toBe(false);
    expect((await get('fortroendevald', `/api/people/${personId}/programmes`)).status).toBe(404);
  });

  it("lets a draft's listed owner activate it, which assigns its audience", async () => {
    const draft = (await get<ProgrammeList>('sakerhet', '/api/programmes')).body.programmes.find(
      (p) => p.code === 'FORTROENDEVALDA-TRYGGHET',
    )!;
    expect(draft).toMatchObject({ status: 'draft', canManage: true, assigned: 0 });
    expect((await get('fortroendevald', `/api/programmes/${draft.id}/progress`)).status).toBe(404);
    // A draft is invisible to who does not manage it: the same answer as no programme at all.
    expect(
      (await post('chef', `/api/programmes/${draft.id}/status`, { status: 'active' })).status,
    ).toBe(404);
    const activated = await post('sakerhet', `/api/programmes/${draft.id}/status`, {
      status: 'active',
    });
    expect(activated.status).toBe(200);
    expect(activated.body.assigned).toBeGreaterThan(0);
    const progress = await get<ProgrammeProgress>(
      'fortroendevald',
      `/api/programmes/${draft.id}/progress`,
    );
    expect(progress.body.canManage).toBe(false);
    expect(progress.body.targets[0]?.overall.eligible).toBe(activated.body.assigned);
  });

  it('exempts a person with a reason, which removes them from the denominator', async () => {
    const programme = await violence();
    const personId = (
      await t.db
        .selectFrom('users')
        .select('person_id')
        .where('username', '=', 'chef')
        .executeTakeFirstOrThrow()
    ).person_id!;
    const eligible = async () =>
      (
        await get<ProgrammeProgress>('strateg', `/api/programmes/${programme.id}/progress`)
      ).body.targets.find((x) => x.code === 'ALLA')!.overall.eligible ?? 0;
    const before = await eligible();
    expect(
      (await post('chef', `/api/programmes/${programme.id}/exemptions`, { personId, reason: 'x' }))
        .status,
    ).toBe(403);
    const exempt = await post('strateg', `/api/programmes/${programme.id}/exemptions`, {
      personId,
      reason: 'Tjänstledig hela perioden',
    });
    expect(exempt.body).toEqual({ exempt: true });
    expect(await eligible()).toBe(before - 1);
    await post('strateg', `/api/programmes/${programme.id}/exemptions`, { personId, reason: '' });
    expect(await eligible()).toBe(before);
  });
});
