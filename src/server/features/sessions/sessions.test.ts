import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../../test/helpers/app.ts';
import { BACKENDS } from '../../../../test/helpers/db.ts';
import type { NotificationList } from '../../../contracts/notifications.ts';
import type { ProgrammeList } from '../../../contracts/programmes.ts';
import type {
  CalendarFeed,
  MySessions,
  ProgrammePlanning,
  ProgrammeSessions,
  ProgrammeTrainers,
  SessionDetail,
} from '../../../contracts/sessions.ts';
import {
  addDays,
  isoWeekday,
  stockholmDate,
  stockholmInstant,
  stockholmLocal,
} from '../../../domain/dates.ts';
import { sessionReminders, trainerDigest } from './notices.ts';
import { planSessions } from '../../../domain/sessions.ts';

const HOUR = 3_600_000;

describe.each(BACKENDS)('sessions on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  /** The app's clock; tests move it forward to take attendance. */
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const local = (hoursFromNow: number) =>
    stockholmLocal(new Date(now().getTime() + hoursFromNow * HOUR));
  const cookies = new Map<string, string>();
  const as = async (username: string) => {
    if (!cookies.has(username)) cookies.set(username, await t.login(username));
    return { cookie: cookies.get(username) ?? '' };
  };
  const call = async <T = Record<string, unknown>>(
    username: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) => {
    const response = await t.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: username ? await as(username) : {},
    });
    const json = response.headers['content-type']?.toString().startsWith('application/json');
    return { status: response.statusCode, body: (json ? response.json() : null) as T, response };
  };
  let programmeId = '';
  let groupCourseId = '';
  let trainerCourseId = '';
  const units = new Map<string, string>();
  /** People of an office (by unit code prefix) without the demo logins, in id order. */
  const peopleOf = async (office: string) => {
    const rows = await sql<{ person_id: string }>`
      SELECT DISTINCT e.person_id FROM employments e JOIN org_units u ON u.id = e.unit_id
      WHERE u.code LIKE ${`${office}-%`} AND e.end_date IS NULL
        AND e.person_id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL)
        AND e.person_id NOT IN (SELECT person_id FROM trainer_units)
      ORDER BY e.person_id`.execute(t.db);
    return rows.rows.map((r) => r.person_id);
  };
  const newSession = async (
    hoursFromNow: number,
    extra: Record<string, unknown> = {},
    username = 'utbildare',
  ) =>
    call<SessionDetail>(username, 'POST', '/api/sessions', {
      courseId: groupCourseId,
      startsAt: local(hoursFromNow),
      endsAt: local(hoursFromNow + 2),
      place: 'Konferensrum Eken',
      capacity: 10,
      ...extra,
    });

  beforeAll(async () => {
    t = await seededApp(backend, {}, now);
    const list = await call<ProgrammeList>('strateg', 'GET', '/api/programmes');
    programmeId = list.body.programmes.find((p) => p.code === 'VNR-2025')!.id;
    const sessions = await call<ProgrammeSessions>(
      'strateg',
      'GET',
      `/api/programmes/${programmeId}/sessions`,
    );
    groupCourseId = sessions.body.courses.find((c) => c.code === 'GRUPPSAMTAL-VALD')!.id;
    trainerCourseId = sessions.body.courses.find((c) => c.code === 'UTBILDARE-VALD')!.id;
    for (const unit of await t.db.selectFrom('org_units').select(['id', 'code']).execute())
      units.set(unit.code, unit.id);
  });
  afterAll(() => t.close());

  it('shows the demo trainer their sessions and the units they serve', async () => {
    const mine = await call<MySessions>('utbildare', 'GET', '/api/me/sessions');
    expect(mine.status).toBe(200);
    // The demo's upcoming two (the one held two weeks ago is past the week shown).
    expect(mine.body.training.length).toBeGreaterThanOrEqual(2);
    const serving = mine.body.serving.find((s) => s.programme.code === 'VNR-2025');
    expect(serving).toMatchObject({ qualified: true });
    expect(serving?.units.map((u) => u.id)).toEqual([units.get('SOC')]);
    expect(serving?.units[0]?.stillToGo).toBeGreaterThan(0);
  });

  it('tells a person whom to ask: the trainers of their unit, else the programme’s owners', async () => {
    const mine = await call<MySessions>('anstalld', 'GET', '/api/me/sessions');
    const strategist = await t.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'strateg')
      .executeTakeFirstOrThrow();
    const served = await sql<{ name: string }>`
      SELECT DISTINCT p.first_name || ' ' || p.last_name AS name
      FROM trainer_units tu JOIN people p ON p.id = tu.person_id
      JOIN org_units u ON u.id = tu.unit_id
      WHERE tu.programme_id = ${programmeId} AND u.code = 'KFK'`.execute(t.db);
    // The employee works in the culture office: its trainer, not the social office's.
    const contact = mine.body.contacts.find((c) => c.programmeId === programmeId);
    expect(served.rows.length).toBeGreaterThan(0);
    expect(contact?.trainers).toEqual(served.rows.map((r) => r.name).sort());
    expect(contact?.owners).toContain(strategist.display_name);
  });

  it('lets an employee book a session open to their unit, once, and cancel it', async () => {
    const mine = await call<MySessions>('anstalld', 'GET', '/api/me/sessions');
    const open = mine.body.bookable.find((s) => s.course.code === 'GRUPPSAMTAL-VALD');
    expect(open).toBeDefined();
    expect(open?.canManage).toBe(false);
    const booked = await call<SessionDetail>(
      'anstalld',
      'POST',
      `/api/sessions/${open!.id}/bookings`,
      {},
    );
    expect(booked.status).toBe(200);
    expect(booked.body.myBooking).toMatchObject({ status: 'booked' });
    // The participants list is for the trainers only.
    expect(booked.body.participants).toEqual([]);
    // The booking is confirmed to the person, with the course and its time.
    const notices = await call<NotificationList>('anstalld', 'GET', '/api/me/notifications');
    expect(notices.body.items[0]).toMatchObject({
      event: 'booking_confirmed',
      payload: {
        course: open!.course.name,
        startsAt: stockholmLocal(new Date(open!.startsAt)).replace('T', ' '),
      },
    });
    const again = await call('anstalld', 'POST', `/api/sessions/${open!.id}/bookings`, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'already_booked' } });
    const cancelled = await call<SessionDetail>(
      'anstalld',
      'DELETE',
      `/api/sessions/${open!.id}/bookings/${booked.body.myBooking!.id}`,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.myBooking).toBeNull();
    expect(cancelled.body.booked).toBe(booked.body.booked - 1);
  });

  it('refuses sessions not open to the unit and courses not assigned', async () => {
    const social = (
      await call<MySessions>('utbildare', 'GET', '/api/me/sessions')
    ).body.training.find((s) => new Date(s.startsAt) > now() && s.status === 'scheduled')!;
    // The session page says so before anyone tries, and the trainer is not offered their own.
    const seen = await call<SessionDetail>('anstalld', 'GET', `/api/sessions/${social.id}`);
    expect(seen.body.selfBooking).toEqual({ may: false, refusal: 'not_open_to_unit' });
    const trainerView = await call<MySessions>('utbildare', 'GET', '/api/me/sessions');
    const leads = new Set(trainerView.body.training.map((s) => s.id));
    expect(trainerView.body.bookable.filter((s) => leads.has(s.id))).toEqual([]);
    const notOpen = await call('anstalld', 'POST', `/api/sessions/${social.id}/bookings`, {});
    expect(notOpen).toMatchObject({ status: 400, body: { error: { code: 'not_open_to_unit' } } });

    const trainerCourse = await call<SessionDetail>('strateg', 'POST', '/api/sessions', {
      courseId: trainerCourseId,
      startsAt: local(48),
      endsAt: local(52),
      onlineUrl: 'https://meet.example.se/utbildare',
      capacity: 12,
      trainerPersonIds: [(await peopleOf('KSK'))[0]],
    });
    expect(trainerCourse.status).toBe(200);
    const notAssigned = await call(
      'anstalld',
      'POST',
      `/api/sessions/${trainerCourse.body.id}/bookings`,
      {},
    );
    expect(notAssigned).toMatchObject({ status: 400, body: { error: { code: 'not_assigned' } } });
    // A trainer course is scheduled by the owner only.
    const byTrainer = await newSession(48, { courseId: trainerCourseId });
    expect(byTrainer.status).toBe(403);
  });

  it('refuses bad sessions with the field named, and people who are not trainers', async () => {
    const backwards = await newSession(24, { endsAt: local(23) });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({
      error: { code: 'validation_failed', details: [{ path: 'body.endsAt' }] },
    });
    const noPlace = await newSession(24, { place: undefined });
    expect(noPlace.body).toMatchObject({ error: { details: [{ path: 'body.place' }] } });
    // The form offers what the rule allows: the trainer's served units, the owner everywhere.
    const offered = await call<ProgrammeSessions>(
      'utbildare',
      'GET',
      `/api/programmes/${programmeId}/sessions`,
    );
    expect(offered.body.openTo).toEqual({ everyone: false, unitIds: [units.get('SOC')] });
    const owner = await call<ProgrammeSessions>(
      'strateg',
      'GET',
      `/api/programmes/${programmeId}/sessions`,
    );
    expect(owner.body.openTo.everyone).toBe(true);
    const notServed = await newSession(24, { openUnitIds: [units.get('KFK')] });
    expect(notServed.status).toBe(400);
    expect(notServed.body).toMatchObject({ error: { details: [{ path: 'body.openUnitIds.0' }] } });
    const employee = await newSession(24, {}, 'anstalld');
    expect(employee.status).toBe(403);
    const webCourse = await t.db
      .selectFrom('courses')
      .select('id')
      .where('code', '=', 'WEBBKURS-VALD')
      .executeTakeFirstOrThrow();
    const web = await newSession(24, { courseId: webCourse.id });
    expect(web.body).toMatchObject({ error: { details: [{ path: 'body.courseId' }] } });
  });

  it('tells the people booked when their session moves or is cancelled, once each', async () => {
    const trainer = await t.db
      .selectFrom('users')
      .select('person_id')
      .where('username', '=', 'utbildare')
      .executeTakeFirstOrThrow();
    const created = await call<SessionDetail>('strateg', 'POST', '/api/sessions', {
      courseId: groupCourseId,
      startsAt: local(800),
      endsAt: local(802),
      place: 'Stadshuset',
      capacity: 5,
      trainerPersonIds: [trainer.person_id],
    });
    const open = created.body;
    expect((await call('anstalld', 'POST', `/api/sessions/${open.id}/bookings`, {})).status).toBe(
      200,
    );
    const events = async () =>
      (await call<NotificationList>('anstalld', 'GET', '/api/me/notifications')).body.items
        .filter((item) => item.event === 'booking_moved' || item.event === 'booking_cancelled')
        .map((item) => [item.event, item.payload.startsAt]);
    const later = new Date(new Date(open.startsAt).getTime() + 24 * HOUR);
    const ends = new Date(new Date(open.endsAt).getTime() + 24 * HOUR);
    const move = { startsAt: stockholmLocal(later), endsAt: stockholmLocal(ends) };
    expect((await call('strateg', 'PATCH', `/api/sessions/${open.id}`, move)).status).toBe(200);
    // The same change again is no new time: nothing more.
    await call('strateg', 'PATCH', `/api/sessions/${open.id}`, { note: 'Ta med anteckningar' });
    const at = stockholmLocal(later).replace('T', ' ');
    expect(await events()).toEqual([['booking_moved', at]]);
    const cancel = { cancel: { reason: 'Utbildaren är sjuk' } };
    expect((await call('strateg', 'PATCH', `/api/sessions/${open.id}`, cancel)).status).toBe(200);
    expect(await events()).toEqual([
      ['booking_cancelled', at],
      ['booking_moved', at],
    ]);
  });

  it('reminds the people booked the day before, once', async () => {
    const trainer = await t.db
      .selectFrom('users')
      .select('person_id')
      .where('username', '=', 'utbildare')
      .executeTakeFirstOrThrow();
    const tomorrowNoon = stockholmInstant(`${addDays(stockholmDate(now()), 1)}T12:00`);
    const hours = (tomorrowNoon.getTime() - now().getTime()) / HOUR;
    const created = await call<SessionDetail>('strateg', 'POST', '/api/sessions', {
      courseId: groupCourseId,
      startsAt: local(hours),
      endsAt: local(hours + 2),
      place: 'Stadshuset',
      capacity: 5,
      trainerPersonIds: [trainer.person_id],
    });
    expect(created.status).toBe(200);
    await call('anstalld', 'POST', `/api/sessions/${created.body.id}/bookings`, {});
    expect(await sessionReminders(t.db, now())).toBeGreaterThan(0);
    const notices = await call<NotificationList>('anstalld', 'GET', '/api/me/notifications');
    expect(
      notices.body.items.filter((item) => item.event === 'session_reminder').map((i) => i.payload),
    ).toContainEqual({
      course: created.body.course.name,
      startsAt: `${addDays(stockholmDate(now()), 1)} 12:00`,
    });
    expect(await sessionReminders(t.db, now())).toBe(0);
  });

  it("gives each trainer one digest a week: this week's sessions and those without attendance", async () => {
    expect(await trainerDigest(t.db, now())).toBeGreaterThan(0);
    const today = stockholmDate(now());
    const monday = addDays(today, 1 - isoWeekday(today));
    const mine = await call<MySessions>('utbildare', 'GET', '/api/me/sessions');
    const week = mine.body.training.filter(
      (s) =>
        s.status === 'scheduled' &&
        stockholmDate(new Date(s.startsAt)) >= monday &&
        stockholmDate(new Date(s.startsAt)) < addDays(monday, 7),
    ).length;
    const counts = await call<{ attendanceMissing: number }>('utbildare', 'GET', '/api/me/counts');
    const notices = await call<NotificationList>('utbildare', 'GET', '/api/me/notifications');
    const digests = notices.body.items.filter((item) => item.event === 'trainer_digest');
    expect(digests.map((item) => item.payload)).toEqual([
      { week: String(week), unmarked: String(counts.body.attendanceMissing) },
    ]);
    expect(await trainerDigest(t.db, now())).toBe(0);
  });

  it('fills seats, queues the rest, promotes on cancellation and guards the capacity', async () => {
    const created = await newSession(30, { capacity: 2 });
    expect(created.status).toBe(200);
    // Opened to the units the trainer serves by default.
    expect(created.body.openUnits.map((u) => u.id)).toEqual([units.get('SOC')]);
    const id = created.body.id;
    const [a, b, c] = await peopleOf('SOC');
    for (const person of [a, b, c])
      expect(
        (await call('utbildare', 'POST', `/api/sessions/${id}/bookings`, { personId: person }))
          .status,
      ).toBe(200);
    const full = await call<SessionDetail>('utbildare', 'GET', `/api/sessions/${id}`);
    expect(full.body).toMatchObject({ booked: 2, waiting: 1 });
    expect(
      full.body.participants.map((p) => [p.personId, p.status, p.queuePosition]),
    ).toContainEqual([c, 'waiting', 1]);

    const shrink = await call('utbildare', 'PATCH', `/api/sessions/${id}`, { capacity: 1 });
    expect(shrink).toMatchObject({
      status: 400,
      body: { error: { details: [{ path: 'body.capacity' }] } },
    });
    const first = full.body.participants.find((p) => p.personId === a)!;
    const after = await call<SessionDetail>(
      'utbildare',
      'DELETE',
      `/api/sessions/${id}/bookings/${first.bookingId}`,
    );
    expect(after.body).toMatchObject({ booked: 2, waiting: 0 });
    expect(after.body.participants.find((p) => p.personId === c)?.status).toBe('booked');
    const grown = await call<SessionDetail>('utbildare', 'PATCH', `/api/sessions/${id}`, {
      capacity: 3,
    });
    expect(grown.body.capacity).toBe(3);
  });

  it('refuses a second booking at an overlapping time', async () => {
    const [person] = (await peopleOf('SOC')).slice(5);
    const one = await newSession(100);
    const two = await newSession(101);
    expect(
      (
        await call('utbildare', 'POST', `/api/sessions/${one.body.id}/bookings`, {
          personId: person,
        })
      ).status,
    ).toBe(200);
    const clash = await call('utbildare', 'POST', `/api/sessions/${two.body.id}/bookings`, {
      personId: person,
    });
    expect(clash).toMatchObject({ status: 409, body: { error: { code: 'overlapping_booking' } } });
  });

  it('lets participants cancel until the cut-off and organisers until the start', async () => {
    const mine = await call<MySessions>('anstalld', 'GET', '/api/me/sessions');
    const session = mine.body.bookable.find((s) => s.course.code === 'GRUPPSAMTAL-VALD')!;
    const booked = await call<SessionDetail>(
      'anstalld',
      'POST',
      `/api/sessions/${session.id}/bookings`,
      {},
    );
    const url = `/api/sessions/${session.id}/bookings/${booked.body.myBooking!.id}`;
    expect(booked.body.selfCancelOpen).toBe(true);
    offset = new Date(session.cancelCutoffAt).getTime() - Date.now() + HOUR;
    try {
      // After the cut-off the page no longer offers cancelling oneself, and the API agrees.
      const page = await call<SessionDetail>('anstalld', 'GET', `/api/sessions/${session.id}`);
      expect(page.body.selfCancelOpen).toBe(false);
      const late = await call('anstalld', 'DELETE', url);
      expect(late).toMatchObject({ status: 409, body: { error: { code: 'after_cutoff' } } });
      const byOwner = await call<SessionDetail>('strateg', 'DELETE', url);
      expect(byOwner.status).toBe(200);
      offset = new Date(session.startsAt).getTime() - Date.now() + 60_000;
      const started = await call('anstalld', 'POST', `/api/sessions/${session.id}/bookings`, {});
      expect(started).toMatchObject({ status: 409, body: { error: { code: 'session_started' } } });
    } finally {
      offset = 0;
    }
  });

  it('takes attendance from the start, records the completion and audits a correction', async () => {
    const session = await newSession(1);
    const id = session.body.id;
    const [present, walkIn] = (await peopleOf('SOC')).slice(8);
    await call('utbildare', 'POST', `/api/sessions/${id}/bookings`, { personId: present });
    const early = await call('utbildare', 'PUT', `/api/sessions/${id}/attendance`, {
      personId: present,
      attendance: 'present',
    });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'attendance_not_yet' } } });

    offset += 90 * 60_000;
    try {
      const marked = await call<SessionDetail>(
        'utbildare',
        'PUT',
        `/api/sessions/${id}/attendance`,
        {
          personId: present,
          attendance: 'present',
        },
      );
      expect(marked.status).toBe(200);
      expect(marked.body.participants.find((p) => p.personId === present)?.attendance).toBe(
        'present',
      );
      const completion = await t.db
        .selectFrom('bookings as b')
        .innerJoin('completions as c', 'c.id', 'b.completion_id')
        .select(['c.id', 'c.source', 'c.status', 'c.voided_at'])
        .where('b.session_id', '=', id)
        .where('b.person_id', '=', present!)
        .executeTakeFirstOrThrow();
      expect(completion).toMatchObject({ source: 'session', status: 'accepted', voided_at: null });

      const notBooked = await call('utbildare', 'PUT', `/api/sessions/${id}/attendance`, {
        personId: walkIn,
        attendance: 'present',
      });
      expect(notBooked).toMatchObject({ status: 400, body: { error: { code: 'not_booked' } } });
      const asWalkIn = await call<SessionDetail>(
        'utbildare',
        'PUT',
        `/api/sessions/${id}/attendance`,
        {
          personId: walkIn,
          attendance: 'present',
          walkIn: true,
        },
      );
      expect(asWalkIn.body.participants.find((p) => p.personId === walkIn)).toMatchObject({
        walkIn: true,
        attendance: 'present',
      });

      const corrected = await call('utbildare', 'PUT', `/api/sessions/${id}/attendance`, {
        personId: present,
        attendance: 'absent',
      });
      expect(corrected.status).toBe(200);
      const voided = await t.db
        .selectFrom('completions')
        .select(['voided_at', 'void_reason'])
        .where('id', '=', completion.id)
        .executeTakeFirstOrThrow();
      expect(voided.voided_at).not.toBeNull();
      expect(voided.void_reason).toMatch(/absent/);
      const audits = await t.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('action', '=', 'session.attendance')
        .execute();
      expect(audits.map((a) => (a.details as { after: string }).after)).toEqual([
        'present',
        'present',
        'absent',
      ]);

      // Someone else's session: the demo trainer does not train the culture office's.
      const culture = (
        await call<ProgrammeSessions>('strateg', 'GET', `/api/programmes/${programmeId}/sessions`)
      ).body.sessions.find(
        (s) =>
          !s.trainers.some((tr) => tr.name === 'utbildare') &&
          s.openUnits.some((u) => u.id === units.get('KFK')),
      )!;
      const notTheirs = await call('utbildare', 'PUT', `/api/sessions/${culture.id}/attendance`, {
        personId: present,
        attendance: 'present',
      });
      expect(notTheirs).toMatchObject({
        status: 403,
        body: { error: { code: 'not_session_trainer' } },
      });

      const cancelled = await newSession(1);
      await call('utbildare', 'PATCH', `/api/sessions/${cancelled.body.id}`, {
        cancel: { reason: 'Sjuk utbildare' },
      });
      const onCancelled = await call(
        'utbildare',
        'PUT',
        `/api/sessions/${cancelled.body.id}/attendance`,
        {
          personId: walkIn,
          attendance: 'present',
          walkIn: true,
        },
      );
      expect(onCancelled).toMatchObject({
        status: 409,
        body: { error: { code: 'session_cancelled' } },
      });
    } finally {
      offset = 0;
    }
  });

  it('never gives the last seat twice, whatever the concurrency', async () => {
    const session = await newSession(200, { capacity: 1 });
    const people = (await peopleOf('SOC')).slice(10, 18);
    const results = await Promise.all(
      people.map((personId) =>
        call('utbildare', 'POST', `/api/sessions/${session.body.id}/bookings`, { personId }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(people.map(() => 200));
    const rows = await t.db
      .selectFrom('bookings')
      .select('status')
      .where('session_id', '=', session.body.id)
      .execute();
    expect(rows.filter((r) => r.status === 'booked')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(people.length - 1);

    // One person, two overlapping sessions, at once: at most one booking.
    const [person] = (await peopleOf('SOC')).slice(18);
    const x = await newSession(300);
    const y = await newSession(300.5);
    const both = await Promise.all(
      [x, y].map((s) =>
        call('utbildare', 'POST', `/api/sessions/${s.body.id}/bookings`, { personId: person }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('gives calendar files and a revocable feed that names nobody', async () => {
    const mine = await call<MySessions>('utbildare', 'GET', '/api/me/sessions');
    const session = mine.body.training.find((s) => s.booked > 0)!;
    const file = await call('utbildare', 'GET', `/api/sessions/${session.id}/calendar.ics`);
    expect(file.status).toBe(200);
    expect(file.response.headers['content-type']).toMatch(/^text\/calendar/);
    expect(file.response.body).toContain(`UID:${session.id}@tryggve`);

    const created = await call<CalendarFeed>('utbildare', 'POST', '/api/me/calendar-feed');
    expect(created.body.active).toBe(true);
    const path = new URL(created.body.url!).pathname;
    const feed = await call(null, 'GET', path);
    expect(feed.status).toBe(200);
    expect(feed.response.body).toContain('BEGIN:VEVENT');
    const detail = await call<SessionDetail>('utbildare', 'GET', `/api/sessions/${session.id}`);
    for (const participant of detail.body.participants)
      expect(feed.response.body).not.toContain(participant.name.split(' ')[1]);
    expect(
      (await call<CalendarFeed>('utbildare', 'GET', '/api/me/calendar-feed')).body,
    ).toMatchObject({ active: true, url: null });

    const replaced = await call<CalendarFeed>('utbildare', 'POST', '/api/me/calendar-feed');
    expect((await call(null, 'GET', path)).status).toBe(404);
    await call('utbildare', 'DELETE', '/api/me/calendar-feed');
    expect((await call(null, 'GET', new URL(replaced.body.url!).pathname)).status).toBe(404);
    expect((await call(null, 'GET', '/calendar/not-a-token.ics')).status).toBe(404);
  });

  it("marks a queue place in the person's feed as tentative", async () => {
    const full = await call<SessionDetail>('strateg', 'POST', '/api/sessions', {
      courseId: groupCourseId,
      startsAt: local(700),
      endsAt: local(702),
      place: 'Stadshuset',
      capacity: 1,
      trainerPersonIds: [
        (
          await t.db
            .selectFrom('users')
            .select('person_id')
            .where('username', '=', 'utbildare')
            .executeTakeFirstOrThrow()
        ).person_id,
      ],
    });
    const [first] = (await peopleOf('KFK')).slice(7);
    await call('strateg', 'POST', `/api/sessions/${full.body.id}/bookings`, { personId: first });
    const queued = await call<SessionDetail>(
      'anstalld',
      'POST',
      `/api/sessions/${full.body.id}/bookings`,
      {},
    );
    expect(queued.body.myBooking).toMatchObject({ status: 'waiting', queuePosition: 1 });
    const feed = await call<CalendarFeed>('anstalld', 'POST', '/api/me/calendar-feed');
    const text = (await call(null, 'GET', new URL(feed.body.url!).pathname)).response.body;
    const events = text.split('BEGIN:VEVENT').filter((e) => e.includes(`UID:${full.body.id}@`));
    expect(events).toHaveLength(1);
    expect(events[0]).toContain('SUMMARY:I kö: Gruppsamtal');
    expect(events[0]).toContain('STATUS:TENTATIVE');
  });

  it('prints the attendance list for the trainer only', async () => {
    const mine = await call<MySessions>('utbildare', 'GET', '/api/me/sessions');
    const session = mine.body.training.find((s) => s.booked > 0)!;
    const pdf = await call('utbildare', 'GET', `/api/sessions/${session.id}/attendance.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const refused = await call('anstalld', 'GET', `/api/sessions/${session.id}/attendance.pdf`);
    expect(refused.status).toBe(403);
  });

  it('shows trainer coverage, registers a trainer and closes the gap', async () => {
    const before = await call<ProgrammeTrainers>(
      'strateg',
      'GET',
      `/api/programmes/${programmeId}/trainers`,
    );
    expect(before.status).toBe(200);
    expect(before.body.trainers.filter((tr) => tr.qualified)).toHaveLength(4);
    const office = (code: string, body: ProgrammeTrainers) =>
      body.coverage.find((n) => n.id === units.get(code));
    expect(office('BMK', before.body)?.covered).toBe(false);
    expect(office('SOC', before.body)?.covered).toBe(true);
    expect(before.body.uncoveredUnits).toBeGreaterThan(0);

    const [candidate] = await peopleOf('BMK');
    const unqualified = await call('strateg', 'PUT', `/api/programmes/${programmeId}/trainers`, {
      personId: candidate,
      unitIds: [units.get('BMK')],
    });
    expect(unqualified.status).toBe(409);
    const registered = await call('strateg', 'PUT', `/api/programmes/${programmeId}/trainers`, {
      personId: candidate,
      unitIds: [units.get('BMK')],
      register: true,
    });
    expect(registered.status).toBe(200);
    const after = await call<ProgrammeTrainers>(
      'strateg',
      'GET',
      `/api/programmes/${programmeId}/trainers`,
    );
    expect(office('BMK', after.body)?.covered).toBe(true);
    expect(after.body.uncoveredUnits).toBeLessThan(before.body.uncoveredUnits);

    expect((await call('anstalld', 'GET', `/api/programmes/${programmeId}/trainers`)).status).toBe(
      404,
    );
    expect(
      (
        await call('utbildare', 'PUT', `/api/programmes/${programmeId}/trainers`, {
          personId: candidate,
          unitIds: [],
        })
      ).status,
    ).toBe(403);
  });

  it('qualifies a trainer who attends the trainer course, and lets them serve units', async () => {
    const [candidate] = (await peopleOf('BUK')).slice(3);
    const before = await call<ProgrammeTrainers>(
      'strateg',
      'GET',
      `/api/programmes/${programmeId}/trainers`,
    );
    expect(before.body.trainers.map((tr) => tr.personId)).not.toContain(candidate);
    const me = await t.db
      .selectFrom('users')
      .select('person_id')
      .where('username', '=', 'strateg')
      .executeTakeFirstOrThrow();
    // Held yesterday on paper, entered afterwards: the strategist leads it and registers it.
    const course = await call<SessionDetail>('strateg', 'POST', '/api/sessions', {
      courseId: trainerCourseId,
      startsAt: local(-26),
      endsAt: local(-22),
      place: 'Stadshuset',
      capacity: 12,
      trainerPersonIds: [me.person_id],
      held: true,
    });
    expect(course.status).toBe(200);
    const walkIn = await call('strateg', 'PUT', `/api/sessions/${course.body.id}/attendance`, {
      personId: candidate,
      attendance: 'present',
      walkIn: true,
    });
    expect(walkIn.status).toBe(200);
    const after = await call<ProgrammeTrainers>(
      'strateg',
      'GET',
      `/api/programmes/${programmeId}/trainers`,
    );
    expect(after.body.trainers.find((tr) => tr.personId === candidate)).toMatchObject({
      qualified: true,
      via: 'course',
    });
    const attach = await call('strateg', 'PUT', `/api/programmes/${programmeId}/trainers`, {
      personId: candidate,
      unitIds: [units.get('BUK')],
    });
    expect(attach.status).toBe(200);
  });

  it('completes a course given in parts once every part is attended', async () => {
    const programmes = await call<ProgrammeList>('strateg', 'GET', '/api/programmes');
    const threats = programmes.body.programmes.find((p) => p.code === 'HOT-VALD-ARBETE')!;
    const trainer = await t.db
      .selectFrom('users')
      .select('person_id')
      .where('username', '=', 'utbildare')
      .executeTakeFirstOrThrow();
    expect(
      (
        await call('strateg', 'PUT', `/api/programmes/${threats.id}/trainers`, {
          personId: trainer.person_id,
          unitIds: [units.get('SOC')],
          register: true,
        })
      ).status,
    ).toBe(200);
    const course = (
      await call<ProgrammeSessions>('utbildare', 'GET', `/api/programmes/${threats.id}/sessions`)
    ).body.courses.find((c) => c.code === 'HOT-KURS')!;
    expect(course.modules.map((m) => m.code)).toEqual(['DEL1', 'DEL2', 'DEL3']);
    const [person] = (await peopleOf('SOC')).slice(20);
    const parts = [];
    for (const [i, module] of course.modules.entries()) {
      const created = await newSession(400 + i * 24, {
        courseId: course.id,
        moduleCode: module.code,
      });
      expect(created.body.module?.code).toBe(module.code);
      await call('utbildare', 'POST', `/api/sessions/${created.body.id}/bookings`, {
        personId: person,
      });
      parts.push(created.body.id);
    }
    const completions = () =>
      t.db
        .selectFrom('completions')
        .select('id')
        .where('person_id', '=', person!)
        .where('course_id', '=', course.id)
        .where('voided_at', 'is', null)
        .execute();
    const before = (await completions()).length;
    offset = 500 * HOUR;
    try {
      for (const [i, id] of parts.entries()) {
        await call('utbildare', 'PUT', `/api/sessions/${id}/attendance`, {
          personId: person,
          attendance: 'present',
        });
        expect((await completions()).length).toBe(i < 2 ? before : before + 1);
      }
    } finally {
      offset = 0;
    }
    const wrongModule = await newSession(600, { courseId: course.id, moduleCode: 'DEL9' });
    expect(wrongModule.body).toMatchObject({ error: { details: [{ path: 'body.moduleCode' }] } });
  });

  it('lets a manager book their own staff only, and keeps others out of what is not theirs', async () => {
    const mine = await call<MySessions>('anstalld', 'GET', '/api/me/sessions');
    const session = mine.body.bookable.find((s) => s.course.code === 'GRUPPSAMTAL-VALD')!;
    const chefUnit = await t.db
      .selectFrom('role_grants')
      .innerJoin('users', 'users.id', 'role_grants.user_id')
      .select('role_grants.scope_unit_id')
      .where('users.username', '=', 'chef')
      .executeTakeFirstOrThrow();
    const staff = await t.db
      .selectFrom('employments')
      .innerJoin('users', 'users.person_id', 'employments.person_id')
      .select('employments.person_id')
      .where('users.username', '=', 'anstalld')
      .executeTakeFirstOrThrow();
    expect(chefUnit.scope_unit_id).toBeTruthy();
    const found = await call<{ people: { id: string }[] }>(
      'chef',
      'GET',
      `/api/sessions/${session.id}/candidates?q=an`,
    );
    expect(found.status).toBe(200);
    const booked = await call<SessionDetail>(
      'chef',
      'POST',
      `/api/sessions/${session.id}/bookings`,
      {
        personId: staff.person_id,
      },
    );
    expect(booked.status).toBe(200);
    // The manager sees their own people among the participants, nobody else's.
    expect(booked.body.participants.map((p) => p.personId)).toContain(staff.person_id);
    expect(booked.body.participants.length).toBeLessThan(booked.body.booked);
    const [outsider] = await peopleOf('SOC');
    const refused = await call('chef', 'POST', `/api/sessions/${session.id}/bookings`, {
      personId: outsider,
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { details: [{ path: 'body.personId' }] } },
    });
    // An employee may neither change the session nor cancel someone else's booking.
    expect(
      (await call('anstalld', 'PATCH', `/api/sessions/${session.id}`, { capacity: 99 })).body,
    ).toMatchObject({
      error: { code: 'not_session_trainer' },
    });
    const theirs = booked.body.participants[0]!;
    expect(
      (
        await call(
          'fortroendevald',
          'DELETE',
          `/api/sessions/${session.id}/bookings/${theirs.bookingId}`,
        )
      ).status,
    ).toBe(404);
    expect(
      (await call('anstalld', 'GET', `/api/sessions/${session.id}/candidates?q=an`)).status,
    ).toBe(404);
  });

  it('plans the sessions still needed, by the same arithmetic as the domain rule', async () => {
    const planning = await call<ProgrammePlanning>(
      'strateg',
      'GET',
      `/api/programmes/${programmeId}/planning`,
    );
    expect(planning.status).toBe(200);
    const target = planning.body.targets.find((tg) => tg.code === 'ALLA')!;
    const top = target.rows[0]!;
    expect(top.eligible).toBeGreaterThan(0);
    expect(top.upcomingSessions).toBeGreaterThan(0);
    expect(top.booked).toBeGreaterThan(0);
    const plan = planSessions({
      eligible: top.eligible ?? 0,
      completed: top.completed ?? 0,
      targetPercent: target.targetPercent,
      booked: top.booked ?? 0,
      freeSeats: top.freeSeats,
      usualCapacity: planning.body.usualCapacity,
      today: stockholmLocal(now()).slice(0, 10),
      deadline: target.by,
    });
    expect(top).toMatchObject({
      toTrain: plan.toTrain,
      sessionsNeeded: plan.sessionsNeeded,
      perMonth: plan.perMonth,
    });
    expect(planning.body.usualCapacity).toBe(15);
    // A trainer reads it too; an employee does not.
    expect((await call('utbildare', 'GET', `/api/programmes/${programmeId}/planning`)).status).toBe(
      200,
    );
    expect((await call('anstalld', 'GET', `/api/programmes/${programmeId}/planning`)).status).toBe(
      404,
    );
  });
});
