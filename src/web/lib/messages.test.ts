import { describe, expect, it } from 'vitest';
import { format, MESSAGES } from './messages.ts';

describe('format', () => {
  it('fills values, numbers in the locale’s digits', () => {
    expect(format('{name} har {count} kvar', { name: 'Eva', count: 1200 }, 'sv')).toBe(
      'Eva har 1\u00a0200 kvar',
    );
    expect(format('{count} left', { count: 1200 }, 'en')).toBe('1,200 left');
  });

  it('chooses the singular or plural form by the number', () => {
    const template = '{free:# plats ledig|# platser lediga} av {capacity}';
    expect(format(template, { free: 1, capacity: 15 }, 'sv')).toBe('1 plats ledig av 15');
    expect(format(template, { free: 0, capacity: 15 }, 'sv')).toBe('0 platser lediga av 15');
    expect(format(template, { free: 3, capacity: 15 }, 'sv')).toBe('3 platser lediga av 15');
    expect(format('{n:# unit|# units}', { n: 1 }, 'en')).toBe('1 unit');
    expect(format('{n:# unit|# units}', { n: 2 }, 'en')).toBe('2 units');
  });

  it('leaves a placeholder without a value as it is', () => {
    expect(format('{a} och {b:en|flera}', { a: 'x' })).toBe('x och {b:en|flera}');
  });

  it('every message in both languages has the same placeholders', () => {
    const names = (template: string) =>
      [...template.matchAll(/\{(\w+)(?::[^{}]*)?\}/g)].map((m) => m[1]).sort();
    for (const [key, sv] of Object.entries(MESSAGES.sv)) {
      const en = MESSAGES.en[key as keyof typeof MESSAGES.en];
      expect([key, names(en)]).toEqual([key, names(sv)]);
    }
  });
});
