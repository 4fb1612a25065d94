import type { ImportKind, PlannedChange } from '../../../contracts/imports.ts';
import { MESSAGES, type MessageKey } from '../../lib/messages.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const ROLES = new Set(['member', 'substitute', 'chair', 'vice_chair']);
const KINDS = new Set(['municipality', 'office', 'department', 'unit']);

/** One planned change in the reader's language, from the facts the server sends. */
export function describeChange(t: Translate, kind: ImportKind, change: PlannedChange): string {
  if (change.fields.length > 0)
    return change.fields.map((field) => describeField(t, field)).join('; ');
  const f = Object.fromEntries(
    Object.entries(change.facts).map(([key, value]) => [key, value === null ? '–' : String(value)]),
  );
  const role = (value: string | undefined) =>
    value && ROLES.has(value) ? t(`seat.${value}` as MessageKey) : (value ?? '');
  switch (change.label) {
    case 'joiner':
      return (
        t('import.facts.joiner', f) + (change.facts.knownPerson ? t('import.facts.known') : '')
      );
    case 'mover':
      return t('import.facts.mover', f);
    case 'leaver':
      return t('import.facts.leaver', f) + (change.facts.missing ? t('import.facts.missing') : '');
    case 'created':
      if (kind === 'seats') {
        return (
          t('import.facts.seatCreated', { ...f, role: role(f.role) }) +
          (change.facts.matchedOnEmail ? t('import.facts.matchedOnEmail') : '')
        );
      }
      return t('import.facts.unitCreated', {
        ...f,
        kind: f.kind && KINDS.has(f.kind) ? t(`kind.${f.kind}` as MessageKey) : (f.kind ?? ''),
      });
    case 'closed':
      return t('import.facts.closed', f);
    case 'kept_open':
      return Number(change.facts.staff) > 0
        ? t('import.facts.keptStaff', f)
        : t('import.facts.keptChildren');
    case 'ended':
      return t('import.facts.seatEnded', { ...f, role: role(f.role) });
    default:
      return change.details;
  }
}

function describeField(t: Translate, field: PlannedChange['fields'][number]): string {
  const value = (v: string | boolean | null) =>
    v === null ? '–' : typeof v === 'boolean' ? t(v ? 'value.yes' : 'value.no') : v;
  return `${fieldLabel(t, field.field)}: ${value(field.before)} → ${value(field.after)}`;
}

/** The reader's word for an import field (`first_name` → "förnamn"). */
export function fieldLabel(t: Translate, field: string): string {
  const key = `field.${field}`;
  return key in MESSAGES.sv ? t(key as MessageKey) : field;
}
