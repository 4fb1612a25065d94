import type { PersonProgrammes } from '../../../contracts/programmes.ts';
import type { MessageKey } from '../../lib/messages.ts';

type Reason = NonNullable<PersonProgrammes['programmes'][number]['includedBy']>;
type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** "anställda och chefer inom Socialkontoret med befattningen Undersköterska". */
export function describeRule(t: T, says: Reason['says']): string {
  const list = (items: readonly string[]) =>
    items.length <= 1
      ? (items[0] ?? '')
      : t('list.and', {
          items: items.slice(0, -1).join(', '),
          last: items[items.length - 1] ?? '',
        });
  const parts = [
    says.roles.length
      ? list(says.roles.map((role) => t(`audience.who.${role}`)))
      : t('audience.who.anyone'),
  ];
  if (says.units.length) parts.push(t('audience.within', { units: list(says.units) }));
  if (says.bodies.length) parts.push(t('audience.inBodies', { bodies: list(says.bodies) }));
  if (says.titles.length) parts.push(t('audience.titled', { titles: list(says.titles) }));
  if (says.startedWithinDays)
    parts.push(t('audience.startedWithin', { days: says.startedWithinDays }));
  return parts.join(' ');
}

/** Why the person is in the programme or not, in words: the rule and what in them it met. */
export function describeReason(
  t: T,
  formatDate: (date: string) => string,
  reason: Reason,
  excluded: boolean,
): string {
  const values = {
    rule: describeRule(t, reason.says),
    place: reason.place,
    title: reason.title ?? '',
    seat: reason.seatRole ? t(`seat.${reason.seatRole}`).toLocaleLowerCase() : '',
    since: formatDate(reason.since),
  };
  if (excluded)
    return t(
      reason.via === 'seat' ? 'personProgrammes.excludedSeat' : 'personProgrammes.excluded',
      values,
    );
  return t(
    reason.via === 'seat' ? 'personProgrammes.includedSeat' : 'personProgrammes.includedEmployment',
    values,
  );
}
