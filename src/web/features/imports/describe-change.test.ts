import { describe, expect, it } from 'vitest';
import type { PlannedChange } from '../../../contracts/imports.ts';
import { format, MESSAGES, type MessageKey } from '../../lib/messages.ts';
import { describeChange } from './describe-change.ts';

const sv = (key: MessageKey, values?: Record<string, string | number>) =>
  format(MESSAGES.sv[key], values, 'sv');
const change = (
  label: PlannedChange['label'],
  facts: PlannedChange['facts'],
  fields: PlannedChange['fields'] = [],
): PlannedChange => ({
  label,
  row: 2,
  key: 'K',
  name: 'N',
  details: 'english details',
  facts,
  fields,
});

describe('describeChange', () => {
  it('phrases people changes in Swedish', () => {
    expect(
      describeChange(
        sv,
        'people',
        change('mover', {
          fromUnit: 'A',
          fromTitle: 'Lärare',
          toUnit: 'B',
          toTitle: 'Rektor',
          startDate: '2026-11-23',
        }),
      ),
    ).toBe('A, Lärare → B, Rektor från 2026-11-23');
    expect(
      describeChange(
        sv,
        'people',
        change('leaver', { unit: 'A', endDate: '2026-11-22', missing: true }),
      ),
    ).toBe('A, slutar 2026-11-22 (saknas i filen)');
    expect(
      describeChange(
        sv,
        'people',
        change('changed', {}, [{ field: 'is_manager', before: false, after: true }]),
      ),
    ).toBe('chef: nej → ja');
  });

  it('names unit kinds and seat roles in Swedish', () => {
    expect(
      describeChange(sv, 'units', change('created', { kind: 'department', parent: 'SOC' })),
    ).toBe('Avdelning under SOC');
    expect(
      describeChange(
        sv,
        'seats',
        change('created', {
          body: 'KS',
          role: 'vice_chair',
          termStart: '2027-01-01',
          termEnd: null,
          matchedOnEmail: true,
        }),
      ),
    ).toBe('KS: Vice ordförande 2027-01-01 – – (samma person som en anställd, matchad på e-post)');
    expect(describeChange(sv, 'units', change('kept_open', { staff: 3 }))).toBe(
      'Saknas i filen men har 3 aktiva anställningar',
    );
  });
});
