import { describe, expect, it } from 'vitest';
import { format, MESSAGES, type MessageKey } from '../../lib/messages.ts';
import { describeReason, describeRule } from './describe-rule.ts';

const t = (key: MessageKey, values?: Record<string, string | number>) =>
  format(MESSAGES.sv[key], values, 'sv');
const says = {
  roles: [] as ('employee' | 'manager' | 'elected_member' | 'elected_substitute')[],
  units: [] as string[],
  titles: [] as string[],
  bodies: [] as string[],
  startedWithinDays: null as number | null,
};

describe('a programme’s audience rule in words', () => {
  it('says whom the rule is for, as the file does', () => {
    expect(describeRule(t, { ...says, roles: ['employee'] })).toBe('anställda');
    expect(
      describeRule(t, {
        ...says,
        roles: ['manager'],
        units: ['Socialkontoret', 'Kultur- och fritidskontoret'],
        startedWithinDays: 90,
      }),
    ).toBe(
      'chefer inom Socialkontoret och Kultur- och fritidskontoret som började för högst 90 dagar sedan',
    );
    expect(
      describeRule(t, {
        ...says,
        roles: ['elected_member', 'elected_substitute'],
        bodies: ['Socialnämnden'],
      }),
    ).toBe('förtroendevalda ledamöter och förtroendevalda ersättare i Socialnämnden');
    expect(describeRule(t, { ...says, titles: ['Undersköterska', 'Sjuksköterska'] })).toBe(
      'alla med befattningen Undersköterska och Sjuksköterska',
    );
  });

  it('joins the rule with what in the person it met', () => {
    const reason = {
      rule: 0,
      via: 'seat' as const,
      place: 'Socialnämnden',
      title: null,
      seatRole: 'substitute' as const,
      since: '2023-01-01',
      says: { ...says, roles: ['elected_substitute' as const] },
    };
    expect(describeReason(t, (d) => d, reason, false)).toBe(
      'Programmet gäller förtroendevalda ersättare, och personen är ersättare i Socialnämnden sedan 2023-01-01.',
    );
  });
});
