import { validUntil } from './dates.ts';

/** Where a person stands on one course of a programme. */
export type CourseState = 'done' | 'pending' | 'booked' | 'todo' | 'expired';
/** Where a person stands on a whole programme, as the list of who is missing says it. */
export type PersonStatus = 'done' | 'exempt' | 'overdue' | 'booked' | 'assigned';
export const PERSON_STATUSES: readonly PersonStatus[] = [
  'overdue',
  'assigned',
  'booked',
  'done',
  'exempt',
];

export interface CourseRecord {
  status: 'accepted' | 'pending' | 'rejected';
  completedOn: string;
}

/**
 * One course for one person on `asOf`: done while the latest accepted completion is still valid;
 * pending while a report waits for a decision; booked on an upcoming session; otherwise to do,
 * or expired when done once and lapsed. Records are the person's unvoided ones for the course.
 */
export function courseState(input: {
  records: readonly CourseRecord[];
  validForMonths: number | null;
  asOf: string;
  booked: boolean;
}): { state: CourseState; doneOn: string | null; validUntil: string | null } {
  let latest: string | null = null;
  for (const r of input.records)
    if (
      r.status === 'accepted' &&
      r.completedOn <= input.asOf &&
      (!latest || r.completedOn > latest)
    )
      latest = r.completedOn;
  const until = latest ? validUntil(latest, input.validForMonths) : null;
  if (latest && (until === null || until > input.asOf))
    return { state: 'done', doneOn: latest, validUntil: until };
  const state: CourseState = input.records.some((r) => r.status === 'pending')
    ? 'pending'
    : input.booked
      ? 'booked'
      : latest
        ? 'expired'
        : 'todo';
  return { state, doneOn: latest, validUntil: until };
}

/**
 * The whole programme for one person: exempt first, done when every course is, overdue past
 * the due date, booked when a session is booked for what remains, otherwise assigned.
 */
export function personStatus(input: {
  courses: readonly CourseState[];
  dueOn: string | null;
  exempt: boolean;
  asOf: string;
}): PersonStatus {
  if (input.exempt) return 'exempt';
  if (input.courses.every((c) => c === 'done')) return 'done';
  if (input.dueOn !== null && input.dueOn < input.asOf) return 'overdue';
  if (input.courses.some((c) => c === 'booked')) return 'booked';
  return 'assigned';
}
