import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSession,
  type Interval,
  courseCompletedBySessions,
  decideBooking,
  isOpenTo,
  mayCancel,
  mayRecordAttendance,
  monthsLeft,
  planSessions,
  promotions,
  trainerStatus,
} from './sessions.ts';

const at = (iso: string) => new Date(iso);
const session = {
  startsAt: at('2026-12-01T08:00:00Z'),
  endsAt: at('2026-12-01T11:00:00Z'),
  status: 'scheduled' as 'scheduled' | 'cancelled',
  capacity: 2,
};
const booking = {
  now: at('2026-11-20T10:00:00Z'),
  session,
  booked: 0,
  assigned: true,
  openToPerson: true,
  byOrganiser: false,
  alreadyBooked: false,
  otherBookings: [] as Interval[],
};

describe('checkSession', () => {
  it('refuses a session ending before it starts, without a place, or with fewer seats than bookings', () => {
    expect(
      checkSession({
        startsAt: at('2026-12-01T10:00:00Z'),
        endsAt: at('2026-12-01T09:00:00Z'),
        capacity: 3,
        booked: 5,
        place: null,
        onlineUrl: null,
      }).map((p) => p.code),
    ).toEqual(['ends_before_start', 'below_bookings', 'no_place']);
    expect(checkSession({ ...session, booked: 2, place: 'Aulan', onlineUrl: null })).toEqual([]);
  });
  it('refuses a session longer than a working day', () => {
    expect(
      checkSession({
        ...session,
        endsAt: at('2026-12-02T08:00:00Z'),
        booked: 0,
        place: 'A',
        onlineUrl: null,
      })[0]?.code,
    ).toBe('too_long');
  });
});

describe('decideBooking', () => {
  it('gives a seat while there are free seats, then a place in the queue', () => {
    expect(decideBooking(booking)).toEqual({ ok: true, status: 'booked' });
    expect(decideBooking({ ...booking, booked: 2 })).toEqual({ ok: true, status: 'waiting' });
  });
  it('refuses in the order a person would want to hear it', () => {
    const reason = (change: Partial<typeof booking>) => {
      const result = decideBooking({ ...booking, ...change });
      return result.ok ? null : result.reason;
    };
    expect(reason({ session: { ...session, status: 'cancelled' } })).toBe('session_cancelled');
    expect(reason({ now: at('2026-12-01T08:00:00Z') })).toBe('session_started');
    expect(reason({ assigned: false })).toBe('not_assigned');
    expect(reason({ openToPerson: false })).toBe('not_open_to_unit');
    expect(reason({ openToPerson: false, byOrganiser: true })).toBeNull();
    expect(reason({ alreadyBooked: true })).toBe('already_booked');
    expect(
      reason({
        otherBookings: [
          { startsAt: at('2026-12-01T10:30:00Z'), endsAt: at('2026-12-01T12:00:00Z') },
        ],
      }),
    ).toBe('overlapping');
    expect(
      reason({
        otherBookings: [
          { startsAt: at('2026-12-01T11:00:00Z'), endsAt: at('2026-12-01T12:00:00Z') },
        ],
      }),
    ).toBeNull();
  });
});

describe('isOpenTo', () => {
  it('opens a session to everyone without units, else to the units listed and below them', () => {
    const librarian = [['library', 'culture', 'root']];
    expect(isOpenTo([], librarian)).toBe(true);
    expect(isOpenTo(['culture'], librarian)).toBe(true);
    expect(isOpenTo(['social'], librarian)).toBe(false);
    expect(isOpenTo(['culture'], [])).toBe(false);
  });
});

describe('mayCancel', () => {
  const base = { startsAt: session.startsAt, cutoffHours: 24 };
  it('lets the participant cancel until the cut-off and organisers until the start', () => {
    expect(mayCancel({ ...base, now: at('2026-11-30T07:59:00Z'), byParticipant: true }).ok).toBe(
      true,
    );
    expect(mayCancel({ ...base, now: at('2026-11-30T08:01:00Z'), byParticipant: true })).toEqual({
      ok: false,
      reason: 'after_cutoff',
    });
    expect(mayCancel({ ...base, now: at('2026-11-30T08:01:00Z'), byParticipant: false }).ok).toBe(
      true,
    );
    expect(mayCancel({ ...base, now: at('2026-12-01T08:00:00Z'), byParticipant: false })).toEqual({
      ok: false,
      reason: 'session_started',
    });
  });
});

describe('promotions', () => {
  it('promotes the earliest in the queue into the free seats', () => {
    const waiting = [
      { id: 'c', bookedAt: at('2026-11-03T00:00:00Z') },
      { id: 'a', bookedAt: at('2026-11-01T00:00:00Z') },
      { id: 'b', bookedAt: at('2026-11-02T00:00:00Z') },
    ];
    expect(promotions({ capacity: 10, booked: 8, waiting }).map((w) => w.id)).toEqual(['a', 'b']);
    expect(promotions({ capacity: 10, booked: 10, waiting })).toEqual([]);
  });
  it('never fills more seats than there are', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 80 }),
        (capacity, booked, times) => {
          const waiting = times.map((t, i) => ({ id: String(i), bookedAt: new Date(t) }));
          const promoted = promotions({ capacity, booked, waiting });
          expect(booked + promoted.length).toBeLessThanOrEqual(Math.max(capacity, booked));
          expect(promoted.length).toBe(Math.min(waiting.length, Math.max(0, capacity - booked)));
        },
      ),
    );
  });
});

describe('mayRecordAttendance', () => {
  const now = at('2026-12-01T08:05:00Z');
  it('records from the start, for booked people, and for others only as walk-ins', () => {
    const check = (change: Partial<Parameters<typeof mayRecordAttendance>[0]>) =>
      mayRecordAttendance({
        now,
        session,
        booking: { status: 'booked' },
        walkIn: false,
        ...change,
      });
    expect(check({})).toEqual({ ok: true, walkIn: false });
    expect(check({ now: at('2026-12-01T07:59:00Z') })).toEqual({ ok: false, reason: 'not_yet' });
    expect(check({ session: { ...session, status: 'cancelled' } })).toEqual({
      ok: false,
      reason: 'session_cancelled',
    });
    expect(check({ booking: null })).toEqual({ ok: false, reason: 'not_booked' });
    expect(check({ booking: { status: 'waiting' } })).toEqual({ ok: false, reason: 'waiting' });
    expect(check({ booking: null, walkIn: true })).toEqual({ ok: true, walkIn: true });
  });
});

describe('courseCompletedBySessions', () => {
  it('completes with a whole-course session or with every module attended', () => {
    expect(courseCompletedBySessions([], [{ moduleCode: null, date: '2026-03-01' }])).toBe(
      '2026-03-01',
    );
    const parts = ['DEL1', 'DEL2'];
    expect(
      courseCompletedBySessions(parts, [{ moduleCode: 'DEL1', date: '2026-03-01' }]),
    ).toBeNull();
    expect(
      courseCompletedBySessions(parts, [
        { moduleCode: 'DEL2', date: '2026-04-01' },
        { moduleCode: 'DEL1', date: '2026-03-01' },
      ]),
    ).toBe('2026-04-01');
  });
});

describe('trainerStatus', () => {
  const course = { id: 'T', validForMonths: 24 };
  it('qualifies through the trainer course while it is valid', () => {
    const status = (today: string) =>
      trainerStatus({
        today,
        registration: null,
        trainerCourses: [course],
        completions: [{ courseId: 'T', completedOn: '2025-01-10' }],
      });
    expect(status('2026-06-01')).toEqual({
      qualified: true,
      via: 'course',
      validUntil: '2027-01-10',
    });
    expect(status('2027-02-01')).toEqual({
      qualified: false,
      reason: 'expired',
      expiredOn: '2027-01-10',
    });
  });
  it('qualifies through a registration, and prefers the one without an end', () => {
    expect(
      trainerStatus({
        today: '2026-06-01',
        registration: { validUntil: null },
        trainerCourses: [course],
        completions: [{ courseId: 'T', completedOn: '2026-01-10' }],
      }),
    ).toEqual({ qualified: true, via: 'registered', validUntil: null });
    expect(
      trainerStatus({
        today: '2026-06-01',
        registration: null,
        trainerCourses: [],
        completions: [],
      }),
    ).toEqual({ qualified: false, reason: 'never', expiredOn: null });
  });
});

describe('planSessions', () => {
  it('answers "how many sessions a month do we need?"', () => {
    // 2,000 people, 300 done, everyone by 30 Nov 2028, 40 booked, 60 seats free, 20 per session.
    const plan = planSessions({
      eligible: 2000,
      completed: 300,
      targetPercent: 100,
      booked: 40,
      freeSeats: 60,
      usualCapacity: 20,
      today: '2026-12-15',
      deadline: '2028-11-30',
    });
    expect(plan).toEqual({
      toTrain: 1700,
      booked: 40,
      freeSeats: 60,
      sessionsNeeded: 80,
      perMonth: 4,
      monthsLeft: 24,
    });
  });
  it('needs nothing once the target is reached', () => {
    const plan = planSessions({
      eligible: 100,
      completed: 31,
      targetPercent: 30,
      booked: 0,
      freeSeats: 0,
      usualCapacity: 15,
      today: '2026-06-01',
      deadline: '2026-12-31',
    });
    expect(plan.toTrain).toBe(0);
    expect(plan.sessionsNeeded).toBe(0);
  });
  it('always plans enough seats for everyone still to train', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 60 }),
        (eligible, donePercent, targetPercent, booked, freeSeats, usualCapacity) => {
          const plan = planSessions({
            eligible,
            completed: Math.floor((eligible * donePercent) / 100),
            targetPercent,
            booked,
            freeSeats,
            usualCapacity,
            today: '2026-01-10',
            deadline: '2026-12-31',
          });
          expect(
            plan.booked + plan.freeSeats + plan.sessionsNeeded * usualCapacity,
          ).toBeGreaterThanOrEqual(plan.toTrain);
          expect(plan.perMonth * plan.monthsLeft).toBeGreaterThanOrEqual(plan.sessionsNeeded);
        },
      ),
    );
  });
  it('counts the current month as one still left', () => {
    expect(monthsLeft('2026-12-15', '2026-12-31')).toBe(1);
    expect(monthsLeft('2026-01-01', '2026-12-31')).toBe(12);
  });
});
