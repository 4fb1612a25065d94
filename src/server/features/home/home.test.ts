import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../../test/helpers/app.ts';
import { BACKENDS } from '../../../../test/helpers/db.ts';
import type { NavCounts, Overview } from '../../../contracts/home.ts';
import type {
  PendingApprovals,
  MyTraining,
  ProgrammeList,
  ProgrammePeople,
} from '../../../contracts/programmes.ts';
import type { MySessions } from '../../../contracts/sessions.ts';
import { addDays, stockholmDate } from '../../../domain/dates.ts';
import { eachTargetStatus } from '../../../domain/progress.ts';
import type { NotificationList } from '../../../contracts/notifications.ts';
import { DEFAULT_REMINDER_RULE } from '../../../domain/reminders.ts';
import { approvalDigest, personalReminders } from '../programmes/public.ts';
import { managerRollup } from './rollup.ts';
import { SOON_DAYS } from './service.ts';

describe.each(BACKENDS)('start page on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  const cookies = new Map<string, string>();
  const get = async <T>(username: string, url: string) => {
    if (!cookies.has(username)) cookies.set(username, await t.login(username));
    const response = await t.app.inject({ url, headers: { cookie: cookies.get(username) ?? '' } });
    expect(response.statusCode, url).toBe(200);
    return response.json<T>();
  };
  const today = stockholmDate(new Date());

  beforeAll(async () => {
    t = await seededApp(backend);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends each manager one roll-up a week with the overdue people of their units', async () => {
    const overview = await get<Overview>('chef', '/api/me/overview');
    const shown = overview.team?.people ?? [];
    expect(overview.team?.overdue).toBeGreaterThan(0);
    const now = new Date();
    await managerRollup(t.db, now);
    const list = await get<NotificationList>('chef', '/api/me/notifications');
    const rollups = list.items.filter((item) => item.event === 'manager_rollup');
    expect(rollups).toHaveLength(1);
    // People, not assignments: someone late in two programmes counts once.
    const people = new Set(shown.filter((p) => p.overdue).map((p) => p.person.id));
    expect(Number(rollups[0]?.payload.count)).toBeGreaterThanOrEqual(people.size);
    expect(Number(rollups[0]?.payload.count)).toBeLessThanOrEqual(overview.team?.overdue ?? 0);
    // The same week again: nothing new. Nobody without a manager's grant gets one.
    expect(await managerRollup(t.db, now)).toBe(0);
    const employee = await get<NotificationList>('anstalld', '/api/me/notifications');
    expect(employee.items.filter((item) => item.event === 'manager_rollup')).toEqual([]);
  });

  it('sends each approver one digest a day with the number of reports waiting for them', async () => {
    const now = new Date();
    await approvalDigest(t.db, now);
    for (const username of ['chef', 'anstalld']) {
      const { approvals } = await get<NavCounts>(username, '/api/me/counts');
      const list = await get<NotificationList>(username, '/api/me/notifications');
      const digests = list.items.filter((item) => item.event === 'approval_waiting');
      expect(digests.map((item) => Number(item.payload.count))).toEqual(
        approvals ? [approvals] : [],
      );
    }
    expect(await approvalDigest(t.db, now)).toBe(0);
  });

  it('reminds each person of what is overdue (weekly) and due soon (once per due date)', async () => {
    const now = new Date();
    expect(await personalReminders(t.db, now)).toBeGreaterThan(0);
    const training = await get<MyTraining>('chef', '/api/me/training');
    const expected = training.programmes
      .filter(
        (p) =>
          !p.exemptReason &&
          p.dueOn &&
          p.dueOn <= addDays(today, DEFAULT_REMINDER_RULE.dueSoonDays ?? 0),
      )
      .filter((p) => p.courses.some((c) => c.state !== 'done'))
      .map((p) => [p.overdue ? 'overdue' : 'due_soon', p.name, p.dueOn])
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const list = await get<NotificationList>('chef', '/api/me/notifications');
    const reminders = list.items
      .filter((item) => item.event === 'overdue' || item.event === 'due_soon')
      .map((item) => [item.event, item.payload.programme, item.payload.dueOn])
      .sort();
    expect(reminders).toEqual(expected);
    // Again the same day (or week): nothing new.
    expect(await personalReminders(t.db, now)).toBe(0);
  });

  it("lists a manager's overdue and soon-due people exactly as each programme's list of them does", async () => {
    const overview = await get<Overview>('chef', '/api/me/overview');
    const team = overview.team;
    expect(team).not.toBeNull();
    if (!team) return;
    // The same people, found another way: each active programme's list for each of the units.
    const { programmes } = await get<ProgrammeList>('chef', '/api/programmes');
    const expected = { overdue: 0, soon: 0 };
    const manager = await t.db
      .selectFrom('users')
      .select('person_id')
      .where('username', '=', 'chef')
      .executeTakeFirstOrThrow();
    for (const programme of programmes.filter((p) => p.status === 'active'))
      for (const unit of team.units) {
        const list = await get<ProgrammePeople>(
          'chef',
          `/api/programmes/${programme.id}/people?unit=${unit.id}`,
        );
        for (const person of list.people) {
          if (person.done || person.exemptReason || !person.dueOn) continue;
          if (person.id === manager.person_id) continue;
          if (person.dueOn < today) expected.overdue += 1;
          else if (person.dueOn <= addDays(today, SOON_DAYS)) expected.soon += 1;
        }
      }
    expect(expected.overdue + expected.soon).toBeGreaterThan(0);
    expect({ overdue: team.overdue, soon: team.dueSoon }).toEqual(expected);
    expect(team.people.length).toBe(Math.min(team.shownLimit, team.overdue + team.dueSoon));
    // Overdue first, each in date order, and the manager's own training is not in the list.
    const order = team.people.map((p) => `${p.overdue ? 0 : 1}${p.dueOn}`);
    expect(order).toEqual([...order].sort());
    expect(team.people.some((p) => p.person.id === manager.person_id)).toBe(false);
    expect(team.progress.length).toBeGreaterThan(0);
    for (const row of team.progress) expect(row.figures.suppressed).toBe(false);
  });

  it('gives each role only its own parts, and counts what the approvals page lists', async () => {
    const employee = await get<Overview>('anstalld', '/api/me/overview');
    expect(employee).toEqual({
      counts: { approvals: 0, attendanceMissing: 0, notifications: expect.any(Number) as number },
      team: null,
      owned: [],
    });
    for (const username of ['chef', 'strateg']) {
      const counts = await get<NavCounts>(username, '/api/me/counts');
      const approvals = await get<PendingApprovals>(username, '/api/approvals');
      expect(counts.approvals).toBe(approvals.approvals.length);
    }
    const owner = await get<Overview>('strateg', '/api/me/overview');
    expect(owner.team).toBeNull();
    const { programmes } = await get<ProgrammeList>('strateg', '/api/programmes');
    expect(owner.owned.map((p) => p.programme.id).sort()).toEqual(
      programmes
        .filter((p) => p.canManage && p.status !== 'ended')
        .map((p) => p.id)
        .sort(),
    );
  });

  it("says an owner's 'each office' target is as far along as its weakest office", async () => {
    const owner = await get<Overview>('strateg', '/api/me/overview');
    const targets = owner.owned.flatMap((p) => p.targets);
    const each = targets.filter((target) => target.behindNodes + target.atRiskNodes > 0);
    expect(each.length).toBeGreaterThan(0);
    for (const target of each)
      expect(target.overall.status).toBe(target.behindNodes > 0 ? 'behind' : 'at_risk');
    expect(eachTargetStatus('on_track', { met: 1, on_track: 0, at_risk: 0, behind: 1 })).toBe(
      'behind',
    );
  });

  it('counts a held session whose attendance is not marked until the trainer marks it', async () => {
    const before = await get<MySessions>('utbildare', '/api/me/sessions');
    const session = before.training.find((s) => s.booked > 0);
    expect(session).toBeDefined();
    if (!session) return;
    expect((await get<NavCounts>('utbildare', '/api/me/counts')).attendanceMissing).toBe(0);
    // The session was held a month ago (dates moved in the database, as time would).
    await sql`UPDATE training_sessions
      SET starts_at = now() - interval '30 days', ends_at = now() - interval '30 days' + interval '2 hours'
      WHERE id = ${session.id}`.execute(t.db);
    expect((await get<NavCounts>('utbildare', '/api/me/counts')).attendanceMissing).toBe(1);
    const held = (await get<MySessions>('utbildare', '/api/me/sessions')).training.find(
      (s) => s.id === session.id,
    );
    expect(held?.attendanceMissing).toBe(true);
    const bookings = await t.db
      .selectFrom('bookings')
      .select('person_id')
      .where('session_id', '=', session.id)
      .where('status', '=', 'booked')
      .execute();
    for (const booking of bookings) {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/sessions/${session.id}/attendance`,
        headers: { cookie: cookies.get('utbildare') ?? '' },
        payload: { personId: booking.person_id, attendance: 'present' },
      });
      expect(response.statusCode).toBe(200);
    }
    expect((await get<NavCounts>('utbildare', '/api/me/counts')).attendanceMissing).toBe(0);
    const after = (await get<MySessions>('utbildare', '/api/me/sessions')).training;
    expect(after.some((s) => s.id === session.id)).toBe(false);
  });
});
