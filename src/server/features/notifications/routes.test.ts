import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../../test/helpers/app.ts';
import { BACKENDS } from '../../../../test/helpers/db.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { deliverDue } from './delivery.ts';
import { notify } from './public.ts';

describe.each(BACKENDS)('the bell, the choices and the outbox on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  let employee = '';
  let manager = '';
  let admin = '';

  beforeAll(async () => {
    t = await seededApp(backend, { mail: { smtpUrl: null, smtpProblem: null } });
    [employee, manager, admin] = await Promise.all([
      t.login('anstalld'),
      t.login('chef'),
      t.login('admin'),
    ]);
    // The demo's own notices (each assignment of the seed) aside: these are the ones tested.
    await t.db.deleteFrom('notifications').execute();
    const person = await t.db
      .selectFrom('users')
      .select(['tenant_id', 'person_id'])
      .where('username', '=', 'anstalld')
      .executeTakeFirstOrThrow();
    await t.db.transaction().execute((trx) =>
      notify(
        trx,
        person.tenant_id as TenantId,
        ['2026-01-10', '2026-01-11'].map((completedOn, n) => ({
          personId: person.person_id ?? '',
          event: n === 0 ? 'completion_approved' : 'completion_rejected',
          subject: `c${n}`,
          period: 'decision',
          link: '/utbildning',
          payload: { course: 'Grundkurs', completedOn, ...(n ? { reason: 'fel intyg' } : {}) },
        })),
        new Date(),
      ),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, cookie: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie } });

  it("shows a person their own notifications and unread count, nobody else's", async () => {
    const mine = await get('/api/me/notifications', employee);
    expect(mine.statusCode).toBe(200);
    const list = mine.json<{ unread: number; items: { event: string; payload: object }[] }>();
    expect(list.unread).toBe(2);
    // Written in one transaction, both at the same instant.
    expect(list.items.map((item) => item.event).sort()).toEqual([
      'completion_approved',
      'completion_rejected',
    ]);
    const rejected = list.items.find((item) => item.event === 'completion_rejected');
    expect(rejected?.payload).toMatchObject({ reason: 'fel intyg' });
    expect((await get('/api/me/counts', employee)).json()).toMatchObject({ notifications: 2 });

    const theirs = (await get('/api/me/notifications', manager)).json<{ items: unknown[] }>();
    expect(theirs.items).toEqual([]);
  });

  it('marks what the list showed as read, and nothing created after', async () => {
    const shown = new Date().toISOString();
    const read = await t.app.inject({
      method: 'POST',
      url: '/api/me/notifications/read',
      headers: { cookie: employee },
      payload: { upTo: shown },
    });
    expect(read.json()).toEqual({ unread: 0 });
    expect((await get('/api/me/counts', employee)).json()).toMatchObject({ notifications: 0 });
  });

  it('keeps a person’s choices, refusing quiet hours without an end, naming the field', async () => {
    const defaults = (await get('/api/me/notification-choices', employee)).json();
    expect(defaults).toMatchObject({ cadence: 'daily', digestHour: 7, quietFrom: '20:00' });
    const put = (payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/me/notification-choices',
        headers: { cookie: employee },
        payload: { ...defaults, ...payload },
      });
    const bad = await put({ quietTo: null });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'body.quietTo' });
    const saved = await put({
      cadence: 'weekly',
      digestWeekday: 5,
      quietFrom: null,
      quietTo: null,
    });
    expect(saved.statusCode).toBe(200);
    // What was waiting for the daily digest now waits for Friday's.
    const waiting = await t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.recipient_id')
      .select('due_at')
      .where('users.username', '=', 'anstalld')
      .where('sent_at', 'is', null)
      .execute();
    expect(waiting.length).toBeGreaterThan(0);
    for (const row of waiting)
      expect(
        row.due_at.toLocaleString('en-GB', { weekday: 'long', timeZone: 'Europe/Stockholm' }),
      ).toMatch(/^Friday/);
    expect((await get('/api/me/notification-choices', employee)).json()).toMatchObject({
      cadence: 'weekly',
      digestWeekday: 5,
      quietFrom: null,
    });
    // Another account's choices are untouched.
    expect((await get('/api/me/notification-choices', manager)).json()).toMatchObject({
      cadence: 'daily',
    });
  });

  it("lets the administrator read the municipality's outbox and each mail", async () => {
    // Both notifications were due at the next digest; deliver as if it had come.
    await deliverDue(t.db, {
      now: new Date(Date.now() + 8 * 86_400_000),
      baseUrl: 'http://localhost:3000',
      smtp: false,
    });
    const outbox = await get('/api/admin/mail', admin);
    expect(outbox.statusCode).toBe(200);
    const body = outbox.json<{
      smtp: object;
      counts: object;
      mails: { id: string; items: number; recipient: { name: string } }[];
    }>();
    expect(body.smtp).toEqual({ configured: false, problem: null });
    expect(body.counts).toEqual({ outbox: 1, queued: 0, sent: 0 });
    expect(body.mails[0]?.items).toBe(2);
    const mail = await get(`/api/admin/mail/${body.mails[0]?.id}`, admin);
    expect(mail.json().text).toContain('http://localhost:3000/utbildning');
    expect(mail.json().text).not.toContain('fel intyg');
    expect((await get('/api/admin/mail', employee)).statusCode).toBe(403);
  });
});
