import { describe, expect, it } from 'vitest';
import { ProblemList } from './problems.ts';
import {
  planSeats,
  readSeatRow,
  type CurrentSeat,
  type KnownPerson,
  type SeatRow,
} from './seats.ts';

const options = { mode: 'full' as const, effectiveDate: '2026-11-23' };
const row = (officialId: string, bodyCode: string, extra: Partial<SeatRow> = {}): SeatRow => ({
  row: 2,
  officialId,
  firstName: 'Eva',
  lastName: 'Lind',
  email: null,
  bodyCode,
  role: 'member',
  termStart: '2023-01-01',
  termEnd: '2026-12-31',
  party: null,
  ...extra,
});
const person = (
  personId: string,
  officialId: string | null,
  email: string | null = null,
): KnownPerson => ({ personId, officialId, email, firstName: 'Eva', lastName: 'Lind' });
const seat = (
  officialId: string,
  bodyCode: string,
  extra: Partial<CurrentSeat> = {},
): CurrentSeat => ({
  id: `s-${officialId}-${bodyCode}`,
  personId: `p-${officialId}`,
  officialId,
  name: 'Eva Lind',
  bodyCode,
  role: 'member',
  termStart: '2023-01-01',
  termEnd: '2026-12-31',
  party: null,
  ...extra,
});

describe('planSeats', () => {
  it('adds seats, changes roles, ends missing seats and leaves the rest', () => {
    const plan = planSeats(
      [row('F1', 'KS'), row('F1', 'SN', { role: 'chair' }), row('F2', 'KS')],
      [person('p-F1', 'F1'), person('p-F2', 'F2'), person('p-F3', 'F3')],
      [seat('F1', 'KS'), seat('F1', 'SN'), seat('F3', 'KS')],
      options,
    );
    expect(plan.unchanged).toBe(1);
    expect(plan.changed.map((c) => c.changes)).toEqual([
      [{ field: 'role', before: 'member', after: 'chair' }],
    ]);
    expect(plan.created).toEqual([
      expect.objectContaining({ personId: 'p-F2', matchedOn: 'official_id' }),
    ]);
    expect(plan.ended).toEqual([{ seat: seat('F3', 'KS'), termEnd: '2026-11-22' }]);
  });

  it('makes an employee with the same e-mail the same person and gives them the official id', () => {
    const plan = planSeats(
      [row('F9', 'KFN', { email: 'anna@kommun.se' })],
      [person('emp-1', null, 'anna@kommun.se')],
      [],
      options,
    );
    expect(plan.created[0]).toMatchObject({ personId: 'emp-1', matchedOn: 'email' });
    expect(plan.people).toEqual([
      {
        row: expect.anything(),
        personId: 'emp-1',
        changes: [{ field: 'official_number', before: null, after: 'F9' }],
      },
    ]);
  });

  it('ends nothing in a partial import and notices a party change without showing it', () => {
    const plan = planSeats(
      [row('F1', 'KS', { party: 'X' })],
      [person('p-F1', 'F1')],
      [seat('F1', 'KS'), seat('F2', 'KS')],
      { ...options, mode: 'partial' },
    );
    expect(plan.ended).toEqual([]);
    expect(plan.changed).toEqual([expect.objectContaining({ changes: [], partyChanged: true })]);
  });
});

describe('readSeatRow', () => {
  const bodies = new Set(['KS']);
  const read = (cells: Record<string, string>, problems = new ProblemList()) => ({
    row: readSeatRow(3, (f) => cells[f] ?? '', bodies, problems),
    problems,
  });
  const good = {
    official_id: 'F1',
    first_name: 'Eva',
    last_name: 'Lind',
    body_code: 'KS',
    role: 'Vice ordförande',
    term_start: '2023-01-01',
  };

  it('reads Swedish roles', () => {
    expect(read(good).row?.role).toBe('vice_chair');
    expect(read({ ...good, role: 'Ersättare' }).row?.role).toBe('substitute');
  });

  it('names unknown bodies, unknown roles and terms that end before they start', () => {
    const { row: result, problems } = read({
      ...good,
      body_code: 'XX',
      role: 'kung',
      term_end: '2022-12-31',
    });
    expect(result).toBeNull();
    expect(problems.items.map((p) => p.column)).toEqual(['body_code', 'role', 'term_end']);
  });
});
