/**
 * The rules of group sessions: times, seats and the waiting list, cancellation, attendance,
 * when sessions complete a course, who counts as a trainer, and how many more sessions a target
 * needs. Pure: the service reads the facts, these decide.
 */
import { validUntil } from './dates.ts';

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export const overlaps = (a: Interval, b: Interval) =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

export type SessionProblem =
  | { field: 'endsAt'; code: 'ends_before_start' }
  | { field: 'endsAt'; code: 'too_long' }
  | { field: 'capacity'; code: 'below_bookings'; booked: number }
  | { field: 'place'; code: 'no_place' };

const MAX_SESSION_HOURS = 12;

/** What is wrong with a session's times, place and seats (empty: nothing). */
export function checkSession(input: {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  booked: number;
  place: string | null;
  onlineUrl: string | null;
}): SessionProblem[] {
  const problems: SessionProblem[] = [];
  const length = input.endsAt.getTime() - input.startsAt.getTime();
  if (length <= 0) problems.push({ field: 'endsAt', code: 'ends_before_start' });
  else if (length > MAX_SESSION_HOURS * 3_600_000)
    problems.push({ field: 'endsAt', code: 'too_long' });
  if (input.capacity < input.booked)
    problems.push({ field: 'capacity', code: 'below_bookings', booked: input.booked });
  if (!input.place && !input.onlineUrl) problems.push({ field: 'place', code: 'no_place' });
  return problems;
}

/**
 * Is a session open to someone who works on these unit paths? Open to no unit in particular:
 * open to everyone assigned the course; else to the listed units with everything below them.
 */
export const isOpenTo = (
  openUnitIds: readonly string[],
  unitPaths: readonly (readonly string[])[],
) =>
  openUnitIds.length === 0 ||
  unitPaths.some((path) => openUnitIds.some((unit) => path.includes(unit)));

export type BookingRefusal =
  | 'session_cancelled'
  | 'session_started'
  | 'not_assigned'
  | 'not_open_to_unit'
  | 'already_booked'
  | 'overlapping';

/**
 * May this person be booked onto the session, and do they get a seat or a place in the queue?
 * Trainers and programme owners may add someone from outside the units the session is open
 * to (`byOrganiser`); nobody may be put on a course that is not theirs.
 */
export function decideBooking(input: {
  now: Date;
  session: Interval & { status: 'scheduled' | 'cancelled'; capacity: number };
  booked: number;
  assigned: boolean;
  openToPerson: boolean;
  byOrganiser: boolean;
  alreadyBooked: boolean;
  /** The person's other live bookings (seats and queue places) in scheduled sessions. */
  otherBookings: readonly Interval[];
}): { ok: true; status: 'booked' | 'waiting' } | { ok: false; reason: BookingRefusal } {
  const refuse = (reason: BookingRefusal) => ({ ok: false as const, reason });
  if (input.session.status === 'cancelled') return refuse('session_cancelled');
  if (input.session.startsAt.getTime() <= input.now.getTime()) return refuse('session_started');
  if (!input.assigned) return refuse('not_assigned');
  if (!input.openToPerson && !input.byOrganiser) return refuse('not_open_to_unit');
  if (input.alreadyBooked) return refuse('already_booked');
  if (input.otherBookings.some((other) => overlaps(other, input.session)))
    return refuse('overlapping');
  return { ok: true, status: input.booked < input.session.capacity ? 'booked' : 'waiting' };
}

/** The last moment a participant may cancel their own booking. */
export const cancelCutoff = (startsAt: Date, cutoffHours: number) =>
  new Date(startsAt.getTime() - cutoffHours * 3_600_000);

/**
 * May this booking be cancelled now? The participant until the cut-off; their manager, the
 * session's trainers and the programme's owners until the session starts.
 */
export function mayCancel(input: {
  now: Date;
  startsAt: Date;
  cutoffHours: number;
  byParticipant: boolean;
}): { ok: true } | { ok: false; reason: 'session_started' | 'after_cutoff' } {
  if (input.startsAt.getTime() <= input.now.getTime())
    return { ok: false, reason: 'session_started' };
  if (input.byParticipant && input.now > cancelCutoff(input.startsAt, input.cutoffHours))
    return { ok: false, reason: 'after_cutoff' };
  return { ok: true };
}

/** The queued bookings that get the free seats, first come first served. */
export function promotions<T extends { id: string; bookedAt: Date }>(input: {
  capacity: number;
  booked: number;
  waiting: readonly T[];
}): T[] {
  const free = Math.max(0, input.capacity - input.booked);
  return [...input.waiting]
    .sort((a, b) => a.bookedAt.getTime() - b.bookedAt.getTime() || a.id.localeCompare(b.id))
    .slice(0, free);
}

export type AttendanceRefusal = 'session_cancelled' | 'not_yet' | 'not_booked' | 'waiting';

/**
 * May attendance be recorded for this person? From the session's start (trainers take the roll
 * as it begins) and any time after (a paper list registered afterwards). Someone without a seat
 * only as an explicit walk-in.
 */
export function mayRecordAttendance(input: {
  now: Date;
  session: { startsAt: Date; status: 'scheduled' | 'cancelled' };
  booking: { status: 'booked' | 'waiting' } | null;
  walkIn: boolean;
}): { ok: true; walkIn: boolean } | { ok: false; reason: AttendanceRefusal } {
  if (input.session.status === 'cancelled') return { ok: false, reason: 'session_cancelled' };
  if (input.session.startsAt.getTime() > input.now.getTime())
    return { ok: false, reason: 'not_yet' };
  if (input.booking?.status === 'booked') return { ok: true, walkIn: false };
  if (!input.walkIn) return { ok: false, reason: input.booking ? 'waiting' : 'not_booked' };
  return { ok: true, walkIn: true };
}

/**
 * Has attending these sessions completed the course? A session of the whole course does; with
 * modules, every module must have been attended. Null: not yet.
 */
export function courseCompletedBySessions(
  modules: readonly string[],
  attended: readonly { moduleCode: string | null; date: string }[],
): string | null {
  const candidates = attended.filter((a) => a.moduleCode === null).map((a) => a.date);
  const firsts = modules.map(
    (code) =>
      attended
        .filter((a) => a.moduleCode === code)
        .map((a) => a.date)
        .sort()[0],
  );
  if (modules.length && firsts.every((d): d is string => d !== undefined)) {
    const allDone = [...firsts].sort().at(-1);
    if (allDone) candidates.push(allDone);
  }
  return candidates.sort()[0] ?? null;
}

export type TrainerStatus =
  | { qualified: true; via: 'registered' | 'course'; validUntil: string | null }
  | { qualified: false; reason: 'never' | 'expired'; expiredOn: string | null };

/**
 * Is a person a qualified trainer of a programme on `today`? Registered by the owner (until the
 * registration's end), or having completed every trainer course of the programme, each still
 * valid. The qualification lasting longest wins.
 */
export function trainerStatus(input: {
  today: string;
  registration: { validUntil: string | null } | null;
  trainerCourses: readonly { id: string; validForMonths: number | null }[];
  completions: readonly { courseId: string; completedOn: string }[];
}): TrainerStatus {
  const options: { via: 'registered' | 'course'; until: string | null }[] = [];
  if (input.registration) options.push({ via: 'registered', until: input.registration.validUntil });
  if (input.trainerCourses.length) {
    const untils = input.trainerCourses.map((course) => {
      const dates = input.completions
        .filter((c) => c.courseId === course.id)
        .map((c) => c.completedOn)
        .sort();
      const latest = dates.at(-1);
      return latest === undefined ? undefined : validUntil(latest, course.validForMonths);
    });
    if (untils.every((u) => u !== undefined)) {
      const bounded = untils.filter((u): u is string => u !== null).sort();
      options.push({ via: 'course', until: bounded[0] ?? null });
    }
  }
  const live = options.filter((o) => o.until === null || o.until >= input.today);
  const best =
    live.find((o) => o.until === null) ?? live.sort((a, b) => (a.until! < b.until! ? 1 : -1))[0];
  if (best) return { qualified: true, via: best.via, validUntil: best.until };
  const expired = options
    .map((o) => o.until)
    .filter((u): u is string => u !== null)
    .sort()
    .at(-1);
  return {
    qualified: false,
    reason: options.length ? 'expired' : 'never',
    expiredOn: expired ?? null,
  };
}

/** Whole months from `today` to `deadline`, counting the current month; at least one. */
export function monthsLeft(today: string, deadline: string): number {
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  const [dy, dm] = deadline.split('-').map(Number) as [number, number];
  return Math.max(1, (dy - ty) * 12 + (dm - tm) + 1);
}

export interface SessionPlan {
  /** People who must still complete for the target to be met. */
  toTrain: number;
  /** Of them, those already holding a seat in an upcoming session. */
  booked: number;
  /** Seats still free in upcoming sessions open to the node. */
  freeSeats: number;
  /** Further sessions (at the usual capacity) to schedule, in total and per month. */
  sessionsNeeded: number;
  perMonth: number;
  monthsLeft: number;
}

/**
 * How many further sessions a node needs to reach its target by the deadline. Seats already
 * booked and seats still free in scheduled sessions count as training that will happen.
 */
export function planSessions(input: {
  eligible: number;
  completed: number;
  targetPercent: number;
  booked: number;
  freeSeats: number;
  usualCapacity: number;
  today: string;
  deadline: string;
}): SessionPlan {
  const required = Math.ceil((input.eligible * input.targetPercent) / 100 - 1e-9);
  const toTrain = Math.max(0, required - input.completed);
  const booked = Math.min(input.booked, toTrain);
  const freeSeats = Math.max(0, input.freeSeats);
  const uncovered = Math.max(0, toTrain - booked - freeSeats);
  const sessionsNeeded = Math.ceil(uncovered / Math.max(1, input.usualCapacity));
  const months = input.deadline < input.today ? 1 : monthsLeft(input.today, input.deadline);
  return {
    toTrain,
    booked,
    freeSeats,
    sessionsNeeded,
    perMonth: Math.ceil(sessionsNeeded / months),
    monthsLeft: months,
  };
}
