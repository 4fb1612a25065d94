import { describe, expect, it } from 'vitest';
import { generateDemo, termsAround } from './generator.ts';
import { DEMO_USERNAMES } from './seed.ts';

const options = { employees: 2000, seed: 42, referenceDate: '2026-11-23' };

describe('generateDemo', () => {
  const demo = generateDemo(options);

  it('is deterministic for the same options', () => {
    expect(generateDemo(options)).toEqual(demo);
    expect(generateDemo({ ...options, seed: 43 }).people[5]).not.toEqual(demo.people[5]);
  });

  it('has about 2,000 employees in the five offices', () => {
    expect(demo.people.filter((p) => p.employeeNumber).length).toBe(2000);
    expect(demo.units.filter((u) => u.kind === 'office').map((u) => u.name)).toEqual([
      'Kommunstyrelsekontoret',
      'Bygg- och miljökontoret',
      'Kultur- och fritidskontoret',
      'Socialkontoret',
      'Barn- och utbildningskontoret',
    ]);
  });

  it('gives every unit a manager and lists parents before children', () => {
    const managed = new Set(demo.employments.filter((e) => e.isManager).map((e) => e.unitCode));
    const seen = new Set<string>();
    for (const unit of demo.units) {
      expect(managed.has(unit.code), unit.code).toBe(true);
      if (unit.parentCode) expect(seen.has(unit.parentCode), unit.code).toBe(true);
      seen.add(unit.code);
    }
  });

  it('has unique e-mail addresses and unit names, and valid employment periods', () => {
    expect(new Set(demo.people.map((p) => p.email)).size).toBe(demo.people.length);
    expect(new Set(demo.units.map((u) => u.name)).size).toBe(demo.units.length);
    for (const e of demo.employments) if (e.endDate) expect(e.endDate >= e.startDate).toBe(true);
  });

  it('seats a council, a board and committees with members and substitutes', () => {
    const roles = (code: string) =>
      demo.seats.filter((s) => s.bodyCode === code).map((s) => s.role);
    expect(roles('KF').filter((r) => r !== 'substitute')).toHaveLength(51);
    expect(roles('KS')).toContain('substitute');
    expect(roles('KFN')).toContain('chair');
    expect(demo.bodies.map((b) => b.kind)).toEqual([
      'council',
      'board',
      'committee',
      'committee',
      'committee',
      'committee',
    ]);
  });

  it('has one demo login per role, the ones a restarted demo prints', () => {
    expect(new Set(demo.logins.map((l) => l.role)).size).toBe(8);
    expect(demo.logins.map((l) => l.username)).toEqual([...DEMO_USERNAMES]);
  });

  it('scales to the largest municipality', () => {
    const large = generateDemo({ ...options, employees: 56_000 });
    expect(large.people.filter((p) => p.employeeNumber).length).toBe(56_000);
    expect(large.units.length).toBeGreaterThan(2000);
  });
});

describe('termsAround', () => {
  it('follows the Swedish electoral cycle', () => {
    expect(termsAround('2026-11-23')).toEqual({
      council: { start: '2026-10-15', end: '2030-10-14' },
      committee: { start: '2023-01-01', end: '2026-12-31' },
    });
    expect(termsAround('2027-03-01').committee.start).toBe('2027-01-01');
    expect(termsAround('2026-05-01').council.start).toBe('2022-10-15');
  });
});
