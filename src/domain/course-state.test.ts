import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { courseState, personStatus, type CourseState } from './course-state.ts';

const asOf = '2026-12-03';

describe('courseState', () => {
  it('is done while the latest accepted completion is valid, with its date', () => {
    const records = [
      { status: 'accepted' as const, completedOn: '2025-01-10' },
      { status: 'accepted' as const, completedOn: '2026-02-01' },
    ];
    expect(courseState({ records, validForMonths: 12, asOf, booked: true })).toEqual({
      state: 'done',
      doneOn: '2026-02-01',
      validUntil: '2027-02-01',
    });
  });

  it('has expired when the last completion has lapsed, unless a report waits or a session is booked', () => {
    const old = [{ status: 'accepted' as const, completedOn: '2025-01-10' }];
    expect(courseState({ records: old, validForMonths: 12, asOf, booked: false }).state).toBe(
      'expired',
    );
    expect(courseState({ records: old, validForMonths: 12, asOf, booked: true }).state).toBe(
      'booked',
    );
    const waiting = [...old, { status: 'pending' as const, completedOn: '2026-11-30' }];
    expect(courseState({ records: waiting, validForMonths: 12, asOf, booked: true }).state).toBe(
      'pending',
    );
  });

  it('counts neither rejected reports nor completions dated after the day asked', () => {
    const records = [
      { status: 'rejected' as const, completedOn: '2026-05-01' },
      { status: 'accepted' as const, completedOn: '2026-12-24' },
    ];
    expect(courseState({ records, validForMonths: null, asOf, booked: false }).state).toBe('todo');
  });
});

describe('personStatus', () => {
  const state = fc.constantFrom<CourseState>('done', 'pending', 'booked', 'todo', 'expired');

  it('says exempt, done, overdue, booked or assigned in that order of precedence', () => {
    const input = { dueOn: '2026-06-30', exempt: false, asOf };
    expect(personStatus({ ...input, courses: ['done', 'todo'], exempt: true })).toBe('exempt');
    expect(personStatus({ ...input, courses: ['done', 'done'] })).toBe('done');
    expect(personStatus({ ...input, courses: ['done', 'booked'] })).toBe('overdue');
    expect(personStatus({ ...input, courses: ['booked'], dueOn: '2027-01-01' })).toBe('booked');
    expect(personStatus({ ...input, courses: ['pending'], dueOn: null })).toBe('assigned');
  });

  it('is done exactly when every course is done, for anyone not exempt (property)', () => {
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 6 }), (courses) => {
        const status = personStatus({ courses, dueOn: '2026-01-01', exempt: false, asOf });
        expect(status === 'done').toBe(courses.every((c) => c === 'done'));
        if (status !== 'done') expect(status).toBe('overdue');
      }),
    );
  });
});
