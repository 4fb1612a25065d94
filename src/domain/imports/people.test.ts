import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import {
  leaverGuard,
  planPeople,
  type CurrentEmployee,
  type PeoplePlan,
  type PersonRow,
} from './people.ts';

const DAY = '2026-11-23';
const UNITS = ['A', 'B', 'C'];
const options = { mode: 'full' as const, effectiveDate: DAY, knownUnitCodes: new Set(UNITS) };

const row = (employeeId: string, unitCode = 'A', extra: Partial<PersonRow> = {}): PersonRow => ({
  row: 2,
  employeeId,
  firstName: 'Anna',
  lastName: 'Berg',
  email: null,
  unitCode,
  title: 'Lärare',
  isManager: false,
  employmentForm: null,
  startDate: null,
  endDate: null,
  ...extra,
});

const employee = (
  employeeId: string,
  unitCode = 'A',
  extra: Partial<CurrentEmployee> = {},
): CurrentEmployee => ({
  personId: `p-${employeeId}`,
  employeeId,
  firstName: 'Anna',
  lastName: 'Berg',
  email: null,
  employment: {
    id: `e-${employeeId}`,
    unitCode,
    title: 'Lärare',
    isManager: false,
    employmentForm: null,
    startDate: '2020-01-01',
    endDate: null,
  },
  ...extra,
});

/** What Tryggve would hold after applying `plan`: the rules the repository follows, in memory. */
function applyInMemory(current: CurrentEmployee[], plan: PeoplePlan): CurrentEmployee[] {
  const next = new Map(current.map((c) => [c.employeeId, structuredClone(c)]));
  const employment = (r: PersonRow, startDate: string) => ({
    id: `new-${r.employeeId}`,
    unitCode: r.unitCode,
    title: r.title,
    isManager: r.isManager,
    employmentForm: r.employmentForm,
    startDate,
    endDate: r.endDate,
  });
  for (const j of plan.joiners) {
    const ended = j.row.endDate !== null && j.row.endDate < DAY;
    next.set(j.row.employeeId, {
      personId: j.personId ?? `p-${j.row.employeeId}`,
      employeeId: j.row.employeeId,
      firstName: j.row.firstName,
      lastName: j.row.lastName,
      email: j.row.email,
      employment: ended ? null : employment(j.row, j.startDate),
    });
  }
  for (const m of plan.movers) {
    const person = next.get(m.row.employeeId);
    if (person)
      Object.assign(person, {
        firstName: m.row.firstName,
        lastName: m.row.lastName,
        email: m.row.email ?? person.email,
        employment: employment(m.row, m.startDate),
      });
  }
  for (const c of plan.changed) {
    const person = next.get(c.row.employeeId);
    if (!person?.employment) continue;
    Object.assign(person, {
      firstName: c.row.firstName,
      lastName: c.row.lastName,
      email: c.row.email ?? person.email,
    });
    Object.assign(person.employment, {
      unitCode: c.row.unitCode,
      title: c.row.title,
      isManager: c.row.isManager,
      endDate: c.row.endDate,
      employmentForm: c.row.employmentForm ?? person.employment.employmentForm,
    });
  }
  for (const l of plan.leavers) {
    const person = next.get(l.employeeId);
    if (person) person.employment = null;
  }
  return [...next.values()];
}

describe('planPeople', () => {
  it('classifies joiners, movers, title changes, leavers and unchanged', () => {
    const plan = planPeople(
      [row('1'), row('2', 'B'), row('3', 'A', { title: 'Rektor' }), row('5')],
      [employee('1'), employee('2'), employee('3'), employee('4')],
      options,
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.movers.map((m) => m.row.employeeId)).toEqual(['2', '3']);
    expect(plan.movers[0]?.startDate).toBe(DAY);
    expect(plan.joiners.map((j) => j.row.employeeId)).toEqual(['5']);
    expect(plan.leavers).toEqual([
      expect.objectContaining({ employeeId: '4', reason: 'missing', endDate: addDays(DAY, -1) }),
    ]);
  });

  it('ends nobody in a partial import', () => {
    const plan = planPeople([row('1')], [employee('1'), employee('2')], {
      ...options,
      mode: 'partial',
    });
    expect(plan.leavers).toEqual([]);
  });

  it('treats a past end date in the file as a leaver and a future one as a change', () => {
    const plan = planPeople(
      [row('1', 'A', { endDate: '2026-10-31' }), row('2', 'A', { endDate: '2027-06-30' })],
      [employee('1'), employee('2')],
      options,
    );
    expect(plan.leavers).toEqual([
      expect.objectContaining({ employeeId: '1', reason: 'end_date', endDate: '2026-10-31' }),
    ]);
    expect(plan.changed[0]?.employmentChanges).toEqual([
      { field: 'end_date', before: null, after: '2027-06-30' },
    ]);
  });

  it('reuses the person record of an elected official with the same e-mail', () => {
    const plan = planPeople(
      [row('9', 'A', { email: 'anna@kommun.se' })],
      [],
      options,
      new Map([['anna@kommun.se', 'official-1']]),
    );
    expect(plan.joiners[0]?.personId).toBe('official-1');
  });

  it('guards against a truncated full export', () => {
    const current = Array.from({ length: 20 }, (_, i) => employee(String(i)));
    expect(
      leaverGuard(
        planPeople(
          current.slice(0, 18).map((c) => row(c.employeeId)),
          current,
          options,
        ),
      ).blocked,
    ).toBe(false);
    expect(
      leaverGuard(
        planPeople(
          current.slice(0, 17).map((c) => row(c.employeeId)),
          current,
          options,
        ),
      ),
    ).toEqual({ leaving: 3, active: 20, blocked: true });
  });

  it('property: planning the same file after applying it finds nothing to do', () => {
    const arbitraryRow = fc.record({
      id: fc.integer({ min: 1, max: 30 }).map(String),
      unit: fc.constantFrom(...UNITS),
      title: fc.constantFrom('Lärare', 'Rektor'),
      manager: fc.boolean(),
      lastName: fc.constantFrom('Berg', 'Ek'),
      ended: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryRow, { selector: (r) => r.id, maxLength: 20 }),
        fc.uniqueArray(arbitraryRow, { selector: (r) => r.id, maxLength: 20 }),
        fc.constantFrom('full' as const, 'partial' as const),
        (existing, file, mode) => {
          const current = existing.map((e) => employee(e.id, e.unit, { lastName: e.lastName }));
          const rows = file.map((f) =>
            row(f.id, f.unit, {
              title: f.title,
              isManager: f.manager,
              lastName: f.lastName,
              endDate: f.ended ? '2026-01-31' : null,
            }),
          );
          const first = planPeople(rows, current, { ...options, mode });
          const second = planPeople(rows, applyInMemory(current, first), { ...options, mode });
          expect(second.joiners).toEqual([]);
          expect(second.movers).toEqual([]);
          expect(second.changed).toEqual([]);
          expect(second.leavers).toEqual([]);
        },
      ),
    );
  });
});
