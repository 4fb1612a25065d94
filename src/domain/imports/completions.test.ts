import { describe, expect, it } from 'vitest';
import { planCompletions, type CompletionRow } from './completions.ts';
import { ProblemList } from './problems.ts';

const row = (n: number, employeeId: string): CompletionRow => ({
  row: n,
  employeeId,
  officialId: '',
  email: '',
  completedOn: '2026-10-01',
});
const index = {
  byEmployeeId: new Map([
    ['1', 'anna'],
    ['2', 'bo'],
  ]),
  byOfficialId: new Map<string, string>(),
  byEmail: new Map<string, string[]>(),
};

describe('a provider list of completions', () => {
  it('plans the new rows, names the unknown and the repeated, and refuses the importer’s own', () => {
    const problems = new ProblemList();
    const plan = planCompletions(
      [row(2, '1'), row(3, '2'), row(4, '2'), row(5, '9')],
      index,
      new Set(),
      problems,
      'anna',
    );
    expect(plan.create).toEqual([{ personId: 'bo', completedOn: '2026-10-01', row: 3 }]);
    expect(problems.items.map((p) => [p.row, p.code])).toEqual([
      [2, 'own_training'],
      [4, 'same_person_again'],
      [5, 'no_match'],
    ]);
  });

  it('counts a completion already recorded as unchanged', () => {
    const problems = new ProblemList();
    const plan = planCompletions([row(2, '1')], index, new Set(['anna|2026-10-01']), problems);
    expect(plan).toEqual({ create: [], unchanged: 1 });
    expect(problems.total).toBe(0);
  });
});
