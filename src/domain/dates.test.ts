import { describe, expect, it } from 'vitest';
import {
  addMonths,
  isActiveOn,
  stockholmDate,
  stockholmInstant,
  stockholmLocal,
  validUntil,
} from './dates.ts';

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

describe('Stockholm wall-clock times', () => {
  it('turns a local time into the instant, winter and summer', () => {
    expect(stockholmInstant('2026-01-15T09:00').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(stockholmInstant('2026-07-15T09:00').toISOString()).toBe('2026-07-15T07:00:00.000Z');
  });
  it('takes the first of a repeated autumn hour and moves a skipped spring hour forward', () => {
    expect(stockholmInstant('2026-10-25T02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(stockholmInstant('2026-03-29T02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
  it('round-trips through stockholmLocal on every hour of a year', () => {
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 60 * 60_000) {
      const local = stockholmLocal(new Date(t));
      if (local.startsWith('2026-10-25T02')) continue; // the repeated hour maps to its first
      expect(stockholmInstant(local).getTime()).toBe(t);
    }
  });
  it('adds months to a date and knows when a completion stops counting', () => {
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
    expect(validUntil('2026-01-15', null)).toBeNull();
    expect(validUntil('2026-01-15', 6)).toBe('2026-07-15');
  });
});
