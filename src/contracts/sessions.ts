import { z } from 'zod';

/**
 * Trainers and sessions: who trains whom, group sessions with seats and a waiting list,
 * attendance, calendars and the planning of further sessions.
 */

const Id = z.uuid();
/** A Stockholm wall-clock time as a time input gives it: `YYYY-MM-DDTHH:mm`. */
const LocalTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'use YYYY-MM-DDTHH:mm (Stockholm time)');

export const SessionStatus = z.enum(['scheduled', 'cancelled']);
export const BookingStatus = z.enum(['booked', 'waiting', 'cancelled']);
export const Attendance = z.enum(['present', 'absent']);

export const SessionInput = z.strictObject({
  courseId: Id,
  /** One module of the course; absent: the whole course. */
  moduleCode: z.string().min(1).max(60).optional(),
  startsAt: LocalTime,
  endsAt: LocalTime,
  place: z.string().trim().min(1).max(200).optional(),
  onlineUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  capacity: z.int().min(1).max(1000),
  /** Units whose people may book themselves (with their subtrees); empty: everyone assigned. */
  openUnitIds: z.array(Id).max(200).default([]),
  /** The session's trainers (people); empty: the signed-in trainer. */
  trainerPersonIds: z.array(Id).max(10).default([]),
  cancelCutoffHours: z.int().min(0).max(720).default(24),
  note: z.string().max(2000).optional(),
  /**
   * Recording a session already held (it starts in the past), to take its attendance
   * afterwards: the programme's owners only, audited.
   */
  held: z.boolean().default(false),
});
export type SessionInput = z.input<typeof SessionInput>;

export const SessionChange = z.strictObject({
  startsAt: LocalTime.optional(),
  endsAt: LocalTime.optional(),
  place: z.string().trim().max(200).optional(),
  onlineUrl: z.union([z.url({ protocol: /^https?$/ }).max(500), z.literal('')]).optional(),
  capacity: z.int().min(1).max(1000).optional(),
  note: z.string().max(2000).optional(),
  /** Cancelling a session keeps its bookings (as they were) and tells nobody by itself. */
  cancel: z.strictObject({ reason: z.string().trim().min(1).max(500) }).optional(),
});
export type SessionChange = z.infer<typeof SessionChange>;

export const SelfBookingRefusal = z.enum([
  'not_linked',
  'session_cancelled',
  'session_started',
  'not_assigned',
  'not_open_to_unit',
  'already_booked',
  'overlapping',
]);

export const SessionSummary = z.object({
  id: z.string(),
  programme: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  course: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() }),
  module: z.object({ code: z.string(), name: z.string() }).nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** The same times as Stockholm wall-clock times, for forms. */
  startsAtLocal: z.string(),
  endsAtLocal: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  capacity: z.number(),
  booked: z.number(),
  waiting: z.number(),
  status: SessionStatus,
  /** Started by the server's clock: booking has closed, attendance may be taken. */
  started: z.boolean(),
  /** Held (ended) with someone booked whose attendance is not marked yet. */
  attendanceMissing: z.boolean(),
  cancelReason: z.string().nullable(),
  cancelCutoffAt: z.string(),
  /** Before the cut-off: a participant may still cancel their own booking themselves. */
  selfCancelOpen: z.boolean(),
  note: z.string().nullable(),
  trainers: z.array(z.object({ personId: z.string(), name: z.string() })),
  openUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The caller's own booking, if any. */
  myBooking: z
    .object({ id: z.string(), status: BookingStatus, queuePosition: z.number().nullable() })
    .nullable(),
  /** The caller trains this session or owns its programme. */
  canManage: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const Participant = z.object({
  bookingId: z.string(),
  personId: z.string(),
  name: z.string(),
  units: z.array(z.string()),
  status: BookingStatus,
  queuePosition: z.number().nullable(),
  walkIn: z.boolean(),
  attendance: Attendance.nullable(),
  bookedBy: z.string(),
});
export type Participant = z.infer<typeof Participant>;

export const SessionDetail = SessionSummary.extend({
  /** The participants the caller may see (all for its trainers; owners and managers theirs). */
  participants: z.array(Participant),
  /** May the caller book people other than themselves (and search for them)? */
  canBookOthers: z.boolean(),
  /** May the caller book themselves, and if not, why not (the booking rule's own answer). */
  selfBooking: z.object({ may: z.boolean(), refusal: SelfBookingRefusal.nullable() }),
});
export type SessionDetail = z.infer<typeof SessionDetail>;

export const ServedUnit = z.object({
  id: z.string(),
  name: z.string(),
  /** People assigned there (with sub-units) who have not completed the programme yet (null: suppressed, fewer than five). */
  stillToGo: z.number().nullable(),
});

export const MySessions = z.object({
  linked: z.boolean(),
  /** Upcoming sessions of courses assigned to the caller and open to their units. */
  bookable: z.array(SessionSummary),
  /** The caller's live bookings (seats and queue places), upcoming and recent. */
  booked: z.array(SessionSummary),
  /** Sessions the caller trains, upcoming first. */
  training: z.array(SessionSummary),
  /**
   * Whom to ask about each assigned programme's sessions: the trainers who serve the caller's
   * units, and the programme's owners.
   */
  contacts: z.array(
    z.object({
      programmeId: z.string(),
      trainers: z.array(z.string()),
      owners: z.array(z.string()),
    }),
  ),
  /** Programmes the caller is a trainer of, with the units served. */
  serving: z.array(
    z.object({
      programme: z.object({ id: z.string(), code: z.string(), name: z.string() }),
      qualified: z.boolean(),
      validUntil: z.string().nullable(),
      courses: z.array(
        z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() }),
      ),
      units: z.array(ServedUnit),
    }),
  ),
});
export type MySessions = z.infer<typeof MySessions>;

export const ProgrammeSessions = z.object({
  sessions: z.array(SessionSummary),
  courses: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      forTrainers: z.boolean(),
      modules: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
  ),
  /**
   * To which units the caller may open a session: everywhere, or the units listed with
   * everything below them (a trainer's served units, an owner's scope).
   */
  openTo: z.object({ everyone: z.boolean(), unitIds: z.array(z.string()) }),
  canSchedule: z.boolean(),
});
export type ProgrammeSessions = z.infer<typeof ProgrammeSessions>;

export const BookRequest = z.strictObject({
  /** Who to book; absent: the caller. */
  personId: Id.optional(),
});

export const AttendanceRequest = z.strictObject({
  personId: Id,
  attendance: Attendance,
  /** Someone present without a booking: allowed only when said explicitly, and kept as such. */
  walkIn: z.boolean().default(false),
});
export type AttendanceRequest = z.input<typeof AttendanceRequest>;

export const CalendarFeed = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  /** Only in the answer that creates the feed: the token is not kept and cannot be shown again. */
  url: z.string().nullable(),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;

/* ---- Trainers, coverage and planning, per programme ---- */

export const TrainerInfo = z.object({
  personId: z.string(),
  name: z.string(),
  qualified: z.boolean(),
  via: z.enum(['registered', 'course']).nullable(),
  validUntil: z.string().nullable(),
  expiredOn: z.string().nullable(),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  upcomingSessions: z.number(),
});
export type TrainerInfo = z.infer<typeof TrainerInfo>;

export const CoverageNode = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  parentId: z.string().nullable(),
  /** A qualified trainer serves the unit itself or a unit above it. */
  covered: z.boolean(),
  trainers: z.array(z.string()),
  /** Units in this subtree (with assigned people) that no qualified trainer serves. */
  uncoveredBelow: z.number(),
  /** Counts of people: null when the small-number rule hides them from the caller. */
  suppressed: z.boolean(),
  eligible: z.number().nullable(),
  completed: z.number().nullable(),
});

export const ProgrammeTrainers = z.object({
  programme: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  canManage: z.boolean(),
  trainerCourses: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  trainers: z.array(TrainerInfo),
  focus: z.string().nullable(),
  coverage: z.array(CoverageNode),
  /** Units with assigned people and no trainer, in the whole programme. */
  uncoveredUnits: z.number(),
});
export type ProgrammeTrainers = z.infer<typeof ProgrammeTrainers>;

export const TrainerRequest = z.strictObject({
  personId: Id,
  /** The units served (replaces the list). */
  unitIds: z.array(Id).max(200),
  /** Register as qualified by hand (otherwise qualified by completing the trainer course). */
  register: z.boolean().default(false),
  validUntil: z.iso.date().optional(),
  note: z.string().max(500).optional(),
});
export type TrainerRequest = z.input<typeof TrainerRequest>;

export const PlanningRow = z.object({
  node: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  /** The counts of people (and what follows from them) are null when suppressed. */
  suppressed: z.boolean(),
  eligible: z.number().nullable(),
  completed: z.number().nullable(),
  toTrain: z.number().nullable(),
  booked: z.number().nullable(),
  freeSeats: z.number(),
  upcomingSessions: z.number(),
  sessionsNeeded: z.number().nullable(),
  perMonth: z.number().nullable(),
});

export const ProgrammePlanning = z.object({
  programme: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  focus: z.string().nullable(),
  usualCapacity: z.number(),
  targets: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      targetPercent: z.number(),
      by: z.string(),
      monthsLeft: z.number(),
      rows: z.array(PlanningRow),
    }),
  ),
});
export type ProgrammePlanning = z.infer<typeof ProgrammePlanning>;

export const Candidates = z.object({
  people: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      employeeNumber: z.string().nullable(),
      units: z.array(z.string()),
    }),
  ),
});
export type Candidates = z.infer<typeof Candidates>;
