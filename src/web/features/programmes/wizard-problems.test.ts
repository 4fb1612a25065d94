import { describe, expect, it } from 'vitest';
import { fieldOfPath, fileProblems, wizardProblems } from './wizard-problems.ts';

const file = (over: Record<string, unknown> = {}) => ({
  code: 'TRYGG-1',
  name: 'Trygg skola',
  topic: 'other' as const,
  decision: { body: 'KS', date: '2026-11-01', reference: 'KS 2026/1' },
  period: { start: '2026-11-01', end: '2027-12-31' },
  status: 'active' as const,
  owners: [],
  courses: [
    {
      code: 'TRYGG-WEBB',
      name: 'Trygg på webben',
      kind: 'web_course' as const,
      modules: [],
      forTrainers: false,
      level: 1,
      requires: [],
      evidence: 'certificate' as const,
      approval: 'manager' as const,
    },
  ],
  audience: {
    include: [{ roles: ['employee' as const], units: [], titles: [], bodies: [] }],
    exclude: [],
  },
  due: { kind: 'after_assignment' as const, days: 90 },
  targets: [
    {
      code: 'MAL-1',
      name: 'Mål',
      percent: 80,
      by: '2027-06-30',
      population: 'all' as const,
      scope: { kind: 'overall' as const },
      courses: [],
    },
  ],
  ...over,
});

describe('the wizard’s problems', () => {
  it('finds nothing in a whole, sound file', () => {
    expect(fileProblems(file())).toEqual([]);
  });

  it('names the period’s end on the first step when it is before the start, even with later steps unfilled', () => {
    const problems = wizardProblems(
      fileProblems(
        file({ period: { start: '2027-01-01', end: '2026-12-01' }, courses: [], targets: [] }),
      ),
      'sv',
    );
    expect(problems).toContainEqual({
      field: 'periodEnd',
      step: 0,
      text: 'slutar (2026-12-01) före start (2027-01-01)',
    });
  });

  it('says an empty field must be filled in, and which form a code takes', () => {
    const problems = wizardProblems(fileProblems(file({ name: '', code: 'a b' })), 'sv', {
      name: '',
      code: 'a b',
    });
    expect(problems.find((p) => p.field === 'name')?.text).toBe('måste fyllas i');
    expect(problems.find((p) => p.field === 'code')?.text).toMatch(/^använd 1–60 bokstäver/);
  });

  it('leads every path of the file to the field and step that fill it', () => {
    expect(fieldOfPath('decision.body')).toBe('decisionBody');
    expect(fieldOfPath('courses.0.url')).toBe('url');
    expect(fieldOfPath('courses')).toBe('courseCode');
    expect(fieldOfPath('targets.0.scope.level')).toBe('scope');
    expect(fieldOfPath('audience.include.0.startedWithinDays')).toBe('newWithin');
    expect(fieldOfPath('owners.0')).toBeNull();
    // The server's answer (a course code taken by another programme) lands on step 2.
    expect(
      wizardProblems(
        [{ path: 'courses.0.code', code: 'code_taken', params: { code: 'X', programme: 'Y' } }],
        'sv',
      )[0],
    ).toMatchObject({ field: 'courseCode', step: 1 });
  });
});
