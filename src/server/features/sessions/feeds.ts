import { createHash, randomBytes } from 'node:crypto';
import type { CalendarFeed } from '../../../contracts/sessions.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { isSessionTrainer } from '../../../domain/policy.ts';
import { subjectOf } from '../../policies/authorize.ts';
import { visibleSession } from './access.ts';
import { calendar, type CalendarEvent } from './ical.ts';
import * as repo from './repository.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Calendars: an `.ics` file per session and one subscribable feed per person with the sessions
 * they are booked on and the ones they train. The feed's address is its only key, so it holds
 * no participant's name: course, time, place, link and the number of seats taken.
 */
export function createCalendarService(
  db: Db,
  publicUrl: string,
  clock: () => Date = () => new Date(),
) {
  function event(row: repo.SessionRow, role: 'participant' | 'trainer' | 'queued'): CalendarEvent {
    const course = `${row.course_name}${row.module_name ? ` – ${row.module_name}` : ''}`;
    // A queue place is not a seat: said in the title, and tentative in the calendar.
    const title = role === 'queued' ? `I kö: ${course}` : course;
    const seats =
      role === 'trainer' ? `Bokade: ${String(row.booked ?? 0)} av ${String(row.capacity)}. ` : '';
    return {
      uid: `${row.id}@tryggve`,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      summary: role === 'trainer' ? `Du leder: ${title}` : title,
      tentative: role === 'queued',
      location: row.place ?? row.online_url,
      description: `${row.programme_name}. ${seats}${row.note ?? ''}`.trim(),
      url: row.online_url,
      cancelled: row.status === 'cancelled',
      updatedAt: row.updated_at,
    };
  }

  async function feedFor(tenantId: TenantId, personId: string) {
    const since = new Date(clock().getTime() - 90 * 24 * 3_600_000);
    const [booked, training] = await Promise.all([
      repo.sessionsOfPerson(db, tenantId, personId, 'participant', since),
      repo.sessionsOfPerson(db, tenantId, personId, 'trainer', since),
    ]);
    const trainingIds = new Set(training.map((s) => s.id));
    const queued = new Set(
      (
        await repo.bookingsOfPersonIn(
          db,
          tenantId,
          personId,
          booked.map((s) => s.id),
        )
      )
        .filter((b) => b.status === 'waiting')
        .map((b) => b.session_id),
    );
    return calendar(
      'Tryggve',
      [
        ...training.map((row) => event(row, 'trainer')),
        ...booked
          .filter((row) => !trainingIds.has(row.id))
          .map((row) => event(row, queued.has(row.id) ? 'queued' : 'participant')),
      ],
      clock(),
    );
  }

  return {
    /** One session as a calendar file, for anyone signed in who may see it. */
    async sessionFile(actor: Actor, id: string) {
      const { row, subject, facts } = await visibleSession(db, actor, id);
      const trains = isSessionTrainer(subject, facts);
      return calendar(row.course_name, [event(row, trains ? 'trainer' : 'participant')], clock());
    },

    async feedStatus(actor: Actor): Promise<CalendarFeed> {
      const { personId } = await subjectOf(db, actor);
      const feed = personId ? await repo.activeFeed(db, actor.tenantId, personId) : undefined;
      return {
        active: Boolean(feed),
        createdAt: feed?.created_at.toISOString() ?? null,
        url: null,
      };
    },

    /** A new address (the old one stops working at once); shown once, only its hash is kept. */
    createFeed: (actor: Actor) =>
      withTransaction(db, async (trx): Promise<CalendarFeed> => {
        const { personId } = await subjectOf(trx, actor);
        if (!personId) throw new AppError('account_not_linked');
        await repo.revokeFeeds(trx, actor.tenantId, personId, clock());
        const token = randomBytes(32).toString('base64url');
        await repo.insertFeed(trx, {
          tenantId: actor.tenantId,
          personId,
          userId: actor.userId,
          tokenHash: hashToken(token),
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'calendar_feed.create',
          objectType: 'person',
          objectId: personId,
        });
        return {
          active: true,
          createdAt: clock().toISOString(),
          url: `${publicUrl.replace(/\/$/, '')}/calendar/${token}.ics`,
        };
      }),

    revokeFeed: (actor: Actor) =>
      withTransaction(db, async (trx): Promise<CalendarFeed> => {
        const { personId } = await subjectOf(trx, actor);
        if (personId) {
          await repo.revokeFeeds(trx, actor.tenantId, personId, clock());
          await audit(trx, {
            tenantId: actor.tenantId,
            actorUserId: actor.userId,
            action: 'calendar_feed.revoke',
            objectType: 'person',
            objectId: personId,
          });
        }
        return { active: false, createdAt: null, url: null };
      }),

    /** The feed a calendar application fetches: the token is the key; a wrong one is 404. */
    async feed(token: string) {
      const found = /^[A-Za-z0-9_-]{43}$/.test(token)
        ? await repo.feedByTokenHash(db, hashToken(token))
        : undefined;
      if (!found) throw notFound('calendar');
      return feedFor(found.tenant_id as TenantId, found.person_id);
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
