import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { stockholmInstant } from '../../../domain/dates.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { openDatabase, type Db } from '../../db/connection.ts';
import { seedDemo } from '../demo/seed.ts';
import { deliverDue, retryDelayMs, sendQueuedMail } from './delivery.ts';
import { notify, type Notice } from './public.ts';

const BASE_URL = 'https://tryggve.exempel.se';

describe.each(BACKENDS)('delivering the outbox on %s', (backend) => {
  let database: TestDatabase;
  let db: Db;
  let tenantId: TenantId;
  let employee = { userId: '', personId: '', email: '' };
  let subjects = 0;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    db = database.db;
    await seedDemo(db, { employees: 150, seed: 7 });
    const user = await db
      .selectFrom('users')
      .innerJoin('people', 'people.id', 'users.person_id')
      .select(['users.id', 'users.tenant_id', 'users.person_id', 'people.email'])
      .where('username', '=', 'anstalld')
      .executeTakeFirstOrThrow();
    tenantId = user.tenant_id as TenantId;
    employee = { userId: user.id, personId: user.person_id ?? '', email: user.email ?? '' };
  });
  afterAll(async () => {
    await database.close();
  });

  /** Sets the employee's choices (at once and no quiet hours unless told). */
  const choose = async (choices: { email?: boolean; daily_cap?: number }) => {
    await db.deleteFrom('notification_choices').where('user_id', '=', employee.userId).execute();
    await db
      .insertInto('notification_choices')
      .values({ tenant_id: tenantId, user_id: employee.userId, cadence: 'immediate', ...choices })
      .execute();
  };
  const notice = (event: Notice['event'] = 'booking_confirmed'): Notice => ({
    personId: employee.personId,
    event,
    subject: `s${++subjects}`,
    period: 'p',
    link: '/utbildning',
    payload: { course: 'Gruppsamtal', startsAt: '2026-12-10 09:00', case: 'H-1' },
  });
  const put = (notices: Notice[], now: Date) =>
    db.transaction().execute((trx) => notify(trx, tenantId, notices, now));
  const mails = () =>
    db
      .selectFrom('mail_messages')
      .selectAll()
      .where('recipient_id', '=', employee.userId)
      .orderBy('created_at')
      .execute();
  const clear = async () => {
    await db.deleteFrom('notifications').execute();
    await db.deleteFrom('mail_messages').execute();
  };

  it('sends what is due together as one mail, once, however many deliveries run at once', async () => {
    await clear();
    await choose({});
    const now = stockholmInstant('2026-12-07T10:00');
    await put([notice(), notice(), notice()], now);
    // A second instance: its own connections on PostgreSQL; on PGlite the one process.
    const other = database.url ? await openDatabase({ databaseUrl: database.url }) : null;
    const runs = await Promise.all(
      [db, other?.db ?? db, db].map((on) =>
        deliverDue(on, { now, baseUrl: BASE_URL, smtp: false }),
      ),
    );
    await other?.close();
    expect(runs.reduce((sum, run) => sum + run.mails, 0)).toBe(1);
    const [mail, ...more] = await mails();
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ to_address: employee.email, items: 3, status: 'outbox' });
    expect(mail?.subject).toMatch(/: 3 meddelanden från Tryggve$/);
    expect(mail?.text_body).toContain(`${BASE_URL}/utbildning`);
    const rows = await db.selectFrom('notifications').select(['sent_at', 'mail_id']).execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.mail_id === mail?.id && row.sent_at !== null)).toBe(true);
    // Delivered is recorded per notification: a later run sends nothing again.
    expect(await deliverDue(db, { now, baseUrl: BASE_URL, smtp: false })).toEqual({
      mails: 0,
      inAppOnly: 0,
      postponed: 0,
    });
  });

  it('takes recipients a batch at a time until every one is decided', async () => {
    await clear();
    await db.deleteFrom('notification_choices').execute();
    const people = await db
      .selectFrom('users')
      .select('person_id')
      .where('username', 'in', ['anstalld', 'chef', 'fortroendevald'])
      .execute();
    const now = stockholmInstant('2026-12-07T10:00');
    await put(
      people.map((p) => ({ ...notice('authority_notice'), personId: p.person_id ?? '' })),
      now,
    );
    const run = await deliverDue(db, {
      now,
      baseUrl: BASE_URL,
      smtp: false,
      recipientsPerTransaction: 2,
    });
    expect(run.mails).toBe(3);
    const left = await db
      .selectFrom('notifications')
      .select('id')
      .where('sent_at', 'is', null)
      .execute();
    expect(left).toEqual([]);
  });

  it('holds mail back past the daily cap until the next morning, but never a notice the law requires', async () => {
    await clear();
    await choose({ daily_cap: 1 });
    const morning = stockholmInstant('2026-12-07T09:00');
    await put([notice()], morning);
    await deliverDue(db, { now: morning, baseUrl: BASE_URL, smtp: false });
    const noon = stockholmInstant('2026-12-07T12:00');
    await put([notice(), notice('authority_notice')], noon);
    expect(await deliverDue(db, { now: noon, baseUrl: BASE_URL, smtp: false })).toEqual({
      mails: 1,
      inAppOnly: 0,
      postponed: 1,
    });
    const sent = await mails();
    expect(sent.map((m) => [m.items, m.mandatory])).toEqual([
      [1, false],
      [1, true],
    ]);
    const waiting = await db
      .selectFrom('notifications')
      .select('due_at')
      .where('sent_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(waiting.due_at).toEqual(stockholmInstant('2026-12-08T00:00'));
  });

  it('keeps to in-app what someone chose not to get by mail, but mails what the law requires', async () => {
    await clear();
    await choose({ email: false });
    const now = stockholmInstant('2026-12-07T10:00');
    await put([notice(), notice('authority_notice')], now);
    expect(await deliverDue(db, { now, baseUrl: BASE_URL, smtp: false })).toEqual({
      mails: 1,
      inAppOnly: 1,
      postponed: 0,
    });
    const [mail] = await mails();
    expect(mail).toMatchObject({ items: 1, mandatory: true });
  });

  it('sends queued mail to a real SMTP server, and retries while it is down without losing it', async () => {
    await clear();
    await choose({});
    const now = new Date();
    await put([notice()], now);
    await deliverDue(db, { now, baseUrl: BASE_URL, smtp: true });
    const [queued] = await mails();
    expect(queued?.status).toBe('queued');

    // Down: nothing listens on the port (the server is started afterwards on another).
    const down = nodemailer.createTransport({ url: 'smtp://127.0.0.1:9', connectionTimeout: 500 });
    const from = 'Tryggve <no-reply@tryggve.exempel.se>';
    expect(await sendQueuedMail(db, down, { now: () => now, from })).toEqual({
      sent: 0,
      failed: 1,
    });
    const [waiting] = await mails();
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting?.last_error).toBeTruthy();
    expect(waiting?.next_attempt_at).toEqual(new Date(now.getTime() + retryDelayMs(1)));
    // Not again before its next attempt.
    expect(await sendQueuedMail(db, down, { now: () => now, from })).toEqual({
      sent: 0,
      failed: 0,
    });

    const smtp = await startSmtpServer();
    try {
      const up = nodemailer.createTransport({ url: smtp.url });
      const later = () => new Date(now.getTime() + retryDelayMs(1));
      expect(await sendQueuedMail(db, up, { now: later, from })).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]?.to).toEqual([employee.email]);
      expect(smtp.received[0]?.raw).toContain(`Message-ID: <${queued?.id}@tryggve>`);
      expect(smtp.received[0]?.raw).toContain('Content-Type: text/html');
      const [sent] = await mails();
      expect(sent).toMatchObject({ status: 'sent', last_error: null });
    } finally {
      await smtp.close();
    }
  });
});

describe.each(BACKENDS.filter((backend) => backend === 'postgres'))(
  'a server killed mid-delivery on %s',
  (backend) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await freshDatabase(backend);
      await seedDemo(database.db, { employees: 60, seed: 3 });
    });
    afterAll(async () => {
      await database.close();
    });

    it('neither loses nor duplicates the mail it was sending', { timeout: 60_000 }, async () => {
      const db = database.db;
      const smtp = await startSmtpServer();
      const user = await db
        .selectFrom('users')
        .select(['tenant_id', 'person_id'])
        .where('username', '=', 'anstalld')
        .executeTakeFirstOrThrow();
      await db.transaction().execute((trx) =>
        notify(
          trx,
          user.tenant_id as TenantId,
          [
            {
              personId: user.person_id ?? '',
              event: 'authority_notice',
              subject: 'case-1',
              period: 'notice',
              link: '/',
              payload: { case: 'H-1' },
            },
          ],
          new Date(),
        ),
      );
      // The server takes it on its delivery job and hangs at the mail server, which holds its
      // answer; the server is killed before it heard back.
      smtp.stall();
      const port = 41_000 + Math.floor(Math.random() * 10_000);
      const server = spawn(process.execPath, ['bin/tryggve.js', 'serve'], {
        env: {
          ...process.env,
          DATABASE_URL: database.url ?? '',
          SMTP_URL: smtp.url,
          PORT: String(port),
          LOG_LEVEL: 'error',
        },
        stdio: 'ignore',
      });
      const exited = once(server, 'exit');
      try {
        const queue = await waitFor(async () => {
          const started = await sql<{ n: number }>`
            SELECT count(*)::int AS n FROM pgboss.queue WHERE name = 'deliver-notifications'`
            .execute(db)
            .catch(() => ({ rows: [{ n: 0 }] }));
          return (started.rows[0]?.n ?? 0) > 0;
        }, 'the server started its queue');
        expect(queue).toBe(true);
        // Its delivery runs on the minute's schedule or at once when asked: ask.
        const boss = new PgBoss({
          connectionString: database.url ?? '',
          schedule: false,
          supervise: false,
        });
        await boss.start();
        await boss.send('deliver-notifications', {});
        await boss.stop({ graceful: false });
        await waitFor(() => Promise.resolve(smtp.arrived() === 1), 'the mail reached the server');
      } finally {
        server.kill('SIGKILL');
      }
      await exited;
      const [claimed] = await db.selectFrom('mail_messages').selectAll().execute();
      expect(claimed).toMatchObject({ status: 'queued', attempts: 1 });
      expect(smtp.received).toEqual([]);

      // The mail server drops what its client never finished; the next sender, once the claim
      // has expired, sends the mail once.
      smtp.release();
      const transport = nodemailer.createTransport({ url: smtp.url });
      const after = () => new Date((claimed?.claimed_until?.getTime() ?? 0) + 1000);
      const from = 'Tryggve <no-reply@tryggve.exempel.se>';
      expect(await sendQueuedMail(db, transport, { now: after, from })).toEqual({
        sent: 1,
        failed: 0,
      });
      expect(await sendQueuedMail(db, transport, { now: after, from })).toEqual({
        sent: 0,
        failed: 0,
      });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]?.raw).toContain(`Message-ID: <${claimed?.id}@tryggve>`);
      // (The server's own morning reminders, run at its start, are due at their digest hour.)
      const notices = await db
        .selectFrom('notifications')
        .select('mail_id')
        .where('dedup_key', 'like', '%|case-1|%')
        .execute();
      expect(notices).toEqual([{ mail_id: claimed?.id }]);
      await smtp.close();
    });
  },
);

async function waitFor(ready: () => Promise<boolean>, what: string): Promise<true> {
  for (let i = 0; i < 300; i++) {
    if (await ready()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${what}`);
}
