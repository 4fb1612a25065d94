import { sql } from 'kysely';
import type { TenantId } from '../../../domain/ids.ts';
import { DEFAULT_CHOICES, type NotificationChoices } from '../../../domain/notifications.ts';
import type { Db } from '../../db/connection.ts';
import { isAnyOf } from '../../db/packed.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Db | Tx;

/** The accounts of some people (not disabled), with each account's choices (defaults where none). */
export async function recipientsOf(db: Q, tenantId: TenantId, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('notification_choices as c', (join) =>
      join.onRef('c.tenant_id', '=', 'u.tenant_id').onRef('c.user_id', '=', 'u.id'),
    )
    .select([
      'u.id',
      'u.person_id',
      'c.email',
      'c.cadence',
      'c.digest_hour',
      'c.digest_weekday',
      'c.quiet_from',
      'c.quiet_to',
      'c.daily_cap',
    ])
    .where('u.tenant_id', '=', tenantId)
    .where(isAnyOf('u.person_id', personIds))
    .where('u.disabled_at', 'is', null)
    .execute();
  return rows.map((row) => {
    // No choices row (its cadence is never null): the defaults, quiet hours included.
    if (row.cadence === null)
      return { userId: row.id, personId: row.person_id ?? '', choices: DEFAULT_CHOICES };
    const choices: NotificationChoices = {
      email: row.email ?? DEFAULT_CHOICES.email,
      cadence: row.cadence,
      digestHour: row.digest_hour ?? DEFAULT_CHOICES.digestHour,
      digestWeekday: row.digest_weekday ?? DEFAULT_CHOICES.digestWeekday,
      quiet: row.quiet_from && row.quiet_to ? { from: row.quiet_from, to: row.quiet_to } : null,
      dailyCap: row.daily_cap ?? DEFAULT_CHOICES.dailyCap,
    };
    return { userId: row.id, personId: row.person_id ?? '', choices };
  });
}

export interface OutboxRow {
  recipientId: string;
  event: string;
  dedupKey: string;
  payload: Record<string, string>;
  link: string;
  dueAt: Date;
}

/** Rows per statement: seven parameters each, well under the 65,535 a statement may have. */
const NOTICES_PER_STATEMENT = 2_000;

/** Writes notifications; one whose dedup key is already there is left as it was. */
export async function insertNotifications(
  db: Q,
  tenantId: TenantId,
  rows: readonly OutboxRow[],
): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += NOTICES_PER_STATEMENT) {
    const result = await db
      .insertInto('notifications')
      .values(
        rows.slice(i, i + NOTICES_PER_STATEMENT).map((row) => ({
          tenant_id: tenantId,
          recipient_id: row.recipientId,
          event: row.event,
          dedup_key: row.dedupKey,
          payload: JSON.stringify(row.payload),
          link: row.link,
          due_at: row.dueAt,
        })),
      )
      .onConflict((oc) => oc.columns(['tenant_id', 'dedup_key']).doNothing())
      .returning(sql<number>`1`.as('one'))
      .execute();
    written += result.length;
  }
  return written;
}

/** The municipalities with notifications whose delivery is due and not yet decided. */
export async function tenantsWithDue(db: Q, now: Date): Promise<TenantId[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('tenant_id')
    .distinct()
    .where('sent_at', 'is', null)
    .where('due_at', '<=', now)
    .execute();
  return rows.map((row) => row.tenant_id as TenantId);
}

/**
 * Takes the tenant's delivery for this transaction (every instance): false when another holds
 * it, whose run delivers what this one would.
 */
export async function tryLockDelivery(trx: Tx, tenantId: TenantId): Promise<boolean> {
  const result = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_xact_lock(hashtext(${`tryggve.deliver.${tenantId}`})) AS locked`.execute(
    trx,
  );
  return result.rows[0]?.locked === true;
}

/** Accounts with undecided notifications due by now, at most `limit` (a run takes a batch at a time). */
export async function recipientsWithDue(trx: Tx, tenantId: TenantId, now: Date, limit: number) {
  const rows = await trx
    .selectFrom('notifications')
    .select('recipient_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('sent_at', 'is', null)
    .where('due_at', '<=', now)
    .orderBy('recipient_id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.recipient_id);
}

/** Some accounts' undecided notifications due by now, with what their recipients need. */
export async function dueNotifications(
  trx: Tx,
  tenantId: TenantId,
  now: Date,
  recipients: readonly string[],
) {
  return trx
    .selectFrom('notifications as n')
    .innerJoin('users as u', (join) =>
      join.onRef('u.tenant_id', '=', 'n.tenant_id').onRef('u.id', '=', 'n.recipient_id'),
    )
    .leftJoin('people as p', (join) =>
      join.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.id', '=', 'u.person_id'),
    )
    .select([
      'n.id',
      'n.recipient_id',
      'n.event',
      'n.payload',
      'n.link',
      'n.due_at',
      'u.locale',
      'u.person_id',
      'p.email',
    ])
    .where('n.tenant_id', '=', tenantId)
    .where(isAnyOf('n.recipient_id', recipients))
    .where('n.sent_at', 'is', null)
    .where('n.due_at', '<=', now)
    .orderBy('n.recipient_id')
    .orderBy('n.created_at')
    .execute();
}

/** How many mails that count against the cap each recipient got since `since`. */
export async function mailsSince(trx: Tx, tenantId: TenantId, recipients: string[], since: Date) {
  if (recipients.length === 0) return new Map<string, number>();
  const rows = await trx
    .selectFrom('mail_messages')
    .select(['recipient_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('recipient_id', 'in', recipients)
    .where('mandatory', '=', false)
    .where('created_at', '>=', since)
    .groupBy('recipient_id')
    .execute();
  return new Map(rows.map((row) => [row.recipient_id, Number(row.n)]));
}

export async function tenantName(db: Q, tenantId: TenantId): Promise<string> {
  const row = await db
    .selectFrom('tenants')
    .select('name')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return row.name;
}

export interface NewMail {
  recipientId: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  items: number;
  mandatory: boolean;
  status: 'outbox' | 'queued';
}

export async function insertMail(trx: Tx, tenantId: TenantId, mail: NewMail, now: Date) {
  const row = await trx
    .insertInto('mail_messages')
    .values({
      tenant_id: tenantId,
      recipient_id: mail.recipientId,
      to_address: mail.toAddress,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      items: mail.items,
      mandatory: mail.mandatory,
      status: mail.status,
      created_at: now,
      next_attempt_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records the delivery of notifications: in a mail, or (mailId null) in-app only. */
export async function markDelivered(
  trx: Tx,
  tenantId: TenantId,
  ids: readonly string[],
  mailId: string | null,
  now: Date,
) {
  if (ids.length === 0) return;
  await trx
    .updateTable('notifications')
    .set({ sent_at: now, mail_id: mailId })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
}

/** Holds notifications back (the day's cap reached) until `at`. */
export async function postpone(trx: Tx, tenantId: TenantId, ids: readonly string[], at: Date) {
  if (ids.length === 0) return;
  await trx
    .updateTable('notifications')
    .set({ due_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * Claims queued mails whose next attempt is due (every instance: a claimed one is skipped by the
 * others until its claim expires — a sender that died leaves it to the next).
 */
export async function claimQueuedMail(db: Db, now: Date, claimSeconds: number, limit: number) {
  const result = await sql<{
    id: string;
    tenant_id: string;
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string;
    attempts: number;
  }>`
    UPDATE mail_messages SET claimed_until = ${new Date(now.getTime() + claimSeconds * 1000)},
      attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM mail_messages
      WHERE status = 'queued' AND next_attempt_at <= ${now}
        AND (claimed_until IS NULL OR claimed_until < ${now})
      ORDER BY next_attempt_at LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, tenant_id, to_address, subject, text_body, html_body, attempts`.execute(db);
  return result.rows;
}

export async function markMailSent(db: Db, id: string, now: Date) {
  await db
    .updateTable('mail_messages')
    .set({ status: 'sent', sent_at: now, claimed_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markMailFailed(db: Db, id: string, error: string, retryAt: Date) {
  await db
    .updateTable('mail_messages')
    .set({ claimed_until: null, last_error: error, next_attempt_at: retryAt })
    .where('id', '=', id)
    .execute();
}

/** An account's newest notifications and how many are unread. */
export async function notificationsOf(db: Q, tenantId: TenantId, userId: string, limit: number) {
  const [items, unread] = await Promise.all([
    db
      .selectFrom('notifications')
      .select(['id', 'event', 'payload', 'link', 'created_at', 'read_at'])
      .where('tenant_id', '=', tenantId)
      .where('recipient_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute(),
    unreadCount(db, tenantId, userId),
  ]);
  return { items, unread };
}

export async function unreadCount(db: Q, tenantId: TenantId, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks an account's notifications created up to `upTo` as read. */
export async function markRead(db: Q, tenantId: TenantId, userId: string, upTo: Date, now: Date) {
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('tenant_id', '=', tenantId)
    .where('recipient_id', '=', userId)
    .where('read_at', 'is', null)
    .where('created_at', '<=', upTo)
    .execute();
}

export async function choicesOf(db: Q, tenantId: TenantId, userId: string) {
  return db
    .selectFrom('notification_choices')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function saveChoices(
  db: Q,
  tenantId: TenantId,
  userId: string,
  choices: NotificationChoices,
) {
  const values = {
    email: choices.email,
    cadence: choices.cadence,
    digest_hour: choices.digestHour,
    digest_weekday: choices.digestWeekday,
    quiet_from: choices.quiet?.from ?? null,
    quiet_to: choices.quiet?.to ?? null,
    daily_cap: choices.dailyCap,
  };
  await db
    .insertInto('notification_choices')
    .values({ tenant_id: tenantId, user_id: userId, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet(values))
    .execute();
}

/** A municipality's mails, newest first, with their recipients' names. */
export async function mailsOf(db: Q, tenantId: TenantId, limit: number, id?: string) {
  let query = db
    .selectFrom('mail_messages as m')
    .innerJoin('users as u', (join) =>
      join.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.recipient_id'),
    )
    .select([
      'm.id',
      'u.display_name',
      'm.to_address',
      'm.subject',
      'm.items',
      'm.status',
      'm.created_at',
      'm.attempts',
      'm.last_error',
      'm.next_attempt_at',
      'm.sent_at',
      'm.text_body',
      'm.html_body',
    ])
    .where('m.tenant_id', '=', tenantId);
  if (id !== undefined) query = query.where('m.id', '=', id);
  return query.orderBy('m.created_at', 'desc').orderBy('m.id').limit(limit).execute();
}

export async function mailCounts(db: Q, tenantId: TenantId) {
  const rows = await db
    .selectFrom('mail_messages')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy('status')
    .execute();
  const counts = { outbox: 0, queued: 0, sent: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** The cluster's jobs that failed after their retries, newest first (pg-boss's table). */
export async function failedJobs(db: Q, limit: number) {
  // Before the queue first started (a database only migrated), it has no table yet.
  const installed = await sql<{ table: string | null }>`
    SELECT to_regclass('pgboss.job')::text AS table`.execute(db);
  if (!installed.rows[0]?.table) return [];
  const result = await sql<{ name: string; completed_on: Date; retry_count: number }>`
    SELECT name, completed_on, retry_count FROM pgboss.job
    WHERE state = 'failed' AND name NOT LIKE '\\_\\_pgboss%'
    ORDER BY completed_on DESC LIMIT ${limit}`.execute(db);
  return result.rows;
}

/** Moves an account's undelivered notifications (all but `keep`'s events) to go at `dueAt`. */
export async function rescheduleUndelivered(
  db: Q,
  tenantId: TenantId,
  userId: string,
  dueAt: Date,
  keep: readonly string[],
) {
  await db
    .updateTable('notifications')
    .set({ due_at: dueAt })
    .where('tenant_id', '=', tenantId)
    .where('recipient_id', '=', userId)
    .where('sent_at', 'is', null)
    .where('event', 'not in', [...keep])
    .execute();
}
