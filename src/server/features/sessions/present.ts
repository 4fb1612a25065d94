import type { Participant, SessionDetail, SessionSummary } from '../../../contracts/sessions.ts';
import { stockholmDate, stockholmLocal } from '../../../domain/dates.ts';
import {
  bookingReach,
  isNobody,
  isSessionTrainer,
  mayManageProgramme,
  maySeeParticipant,
  type SessionFacts,
  type Subject,
} from '../../../domain/policy.ts';
import { cancelCutoff, mayCancel } from '../../../domain/sessions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';
import { ownedProgrammeIds, personFacts } from '../../policies/authorize.ts';
import { bookingDecision, describeWithFacts } from './access.ts';
import * as repo from './repository.ts';

type Q = Db | Tx;

/**
 * Summaries of sessions as the caller sees them, in a fixed number of queries (`listedOwner`:
 * the programmes the caller is a listed owner of, when already known).
 */
export async function presentSessions(
  q: Q,
  actor: Actor,
  subject: Subject,
  rows: readonly repo.SessionRow[],
  now: Date,
  listedOwner?: ReadonlySet<string>,
): Promise<SessionSummary[]> {
  const ids = rows.map((r) => r.id);
  const [trainers, units, mine, owned, queues] = await Promise.all([
    repo.trainersOfSessions(q, actor.tenantId, ids),
    repo.unitsOfSessions(q, actor.tenantId, ids),
    subject.personId ? repo.bookingsOfPersonIn(q, actor.tenantId, subject.personId, ids) : [],
    listedOwner ?? ownedProgrammeIds(q, actor),
    subject.personId
      ? repo.queuePositions(q, actor.tenantId, subject.personId, ids)
      : new Map<string, number>(),
  ]);
  return rows.map((row) => {
    const own = mine.find((b) => b.session_id === row.id);
    const rowTrainers = trainers.filter((t) => t.session_id === row.id);
    const trainerIds = rowTrainers.map((t) => t.person_id);
    const programme = { status: row.programme_status, listedOwner: owned.has(row.programme_id) };
    return {
      id: row.id,
      programme: { id: row.programme_id, code: row.programme_code, name: row.programme_name },
      course: {
        id: row.course_id,
        code: row.course_code,
        name: row.course_name,
        kind: row.course_kind,
      },
      module:
        row.module_code && row.module_name
          ? { code: row.module_code, name: row.module_name }
          : null,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      startsAtLocal: stockholmLocal(row.starts_at),
      endsAtLocal: stockholmLocal(row.ends_at),
      place: row.place,
      onlineUrl: row.online_url,
      capacity: row.capacity,
      booked: Number(row.booked ?? 0),
      waiting: Number(row.waiting ?? 0),
      status: row.status,
      started: row.starts_at.getTime() <= now.getTime(),
      attendanceMissing:
        row.status === 'scheduled' &&
        row.ends_at.getTime() <= now.getTime() &&
        Number(row.unmarked ?? 0) > 0,
      cancelReason: row.cancel_reason,
      cancelCutoffAt: cancelCutoff(row.starts_at, row.cancel_cutoff_hours).toISOString(),
      selfCancelOpen:
        row.status === 'scheduled' &&
        mayCancel({
          now,
          startsAt: row.starts_at,
          cutoffHours: row.cancel_cutoff_hours,
          byParticipant: true,
        }).ok,
      note: row.note,
      trainers: rowTrainers.map((t) => ({
        personId: t.person_id,
        name: `${t.first_name} ${t.last_name}`,
      })),
      openUnits: units
        .filter((u) => u.session_id === row.id)
        .map((u) => ({ id: u.unit_id, name: u.name })),
      myBooking: own
        ? {
            id: own.id,
            status: own.status,
            queuePosition: own.status === 'waiting' ? (queues.get(row.id) ?? null) : null,
          }
        : null,
      canManage:
        isSessionTrainer(subject, { programme, trainerIds, servedUnits: [] }) ||
        mayManageProgramme(subject, programme),
    };
  });
}

/**
 * A session with the participants the caller may see: themselves, the session's trainers see
 * everyone, owners those they reach, managers their own people (to book them).
 */
export async function presentSession(
  q: Q,
  actor: Actor,
  access: { subject: Subject; facts: SessionFacts },
  row: repo.SessionRow,
  now: Date,
): Promise<SessionDetail> {
  const owned = new Set(access.facts.programme.listedOwner ? [row.programme_id] : []);
  const [summary] = await presentSessions(q, actor, access.subject, [row], now, owned);
  if (!summary) throw new Error('session vanished');
  const today = stockholmDate(now);
  const bookings = (await repo.bookingsOfSession(q, actor.tenantId, row.id)).filter(
    (b) => b.status !== 'cancelled',
  );
  const self = access.subject.personId;
  const facts = await personFacts(
    q,
    actor.tenantId,
    [...bookings.map((b) => b.person_id), ...(self ? [self] : [])],
    today,
  );
  const me = self ? facts.get(self) : undefined;
  const decision = me ? await bookingDecision(q, actor, row, access, me, now) : null;
  let waitingPosition = 0;
  const visible = bookings.flatMap((b) => {
    if (b.status === 'waiting') waitingPosition += 1;
    const person = facts.get(b.person_id);
    return person && maySeeParticipant(access.subject, access.facts, person)
      ? [{ ...b, queuePosition: b.status === 'waiting' ? waitingPosition : null }]
      : [];
  });
  const described = await describeWithFacts(
    q,
    actor,
    visible.map((b) => ({ id: b.person_id, first_name: b.first_name, last_name: b.last_name })),
    facts,
  );
  const units = new Map(described.map((p) => [p.id, p.units]));
  const participants: Participant[] = visible.map((b) => ({
    bookingId: b.id,
    personId: b.person_id,
    name: `${b.first_name} ${b.last_name}`,
    units: units.get(b.person_id) ?? [],
    status: b.status,
    queuePosition: b.queuePosition,
    walkIn: b.walk_in,
    attendance: b.attendance,
    bookedBy: b.booked_by_label,
  }));
  const collator = new Intl.Collator('sv');
  participants.sort(
    (a, b) =>
      Number(a.status === 'waiting') - Number(b.status === 'waiting') ||
      (a.queuePosition ?? 0) - (b.queuePosition ?? 0) ||
      collator.compare(a.name, b.name),
  );
  return {
    ...summary,
    participants,
    canBookOthers: !isNobody(bookingReach(access.subject, access.facts)),
    selfBooking: decision
      ? { may: decision.ok, refusal: decision.ok ? null : decision.reason }
      : { may: false, refusal: 'not_linked' },
  };
}
