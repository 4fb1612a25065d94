import { describe, expect, it } from 'vitest';
import { isActiveOn, stockholmDate } from './dates.ts';

describe('stockholmDate', () => {
  it('uses the Swedish calendar date, not UTC', () => {
    expect(stockholmDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(stockholmDate(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
  });
});

describe('isActiveOn', () => {
  it('treats the end date as inclusive and open ends as ongoing', () => {
    expect(isActiveOn('2026-01-31', '2026-01-01', '2026-01-31')).toBe(true);
    expect(isActiveOn('2026-02-01', '2026-01-01', '2026-01-31')).toBe(false);
    expect(isActiveOn('2025-12-31', '2026-01-01', null)).toBe(false);
    expect(isActiveOn('2030-01-01', '2026-01-01', null)).toBe(true);
  });
});
