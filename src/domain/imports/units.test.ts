import { describe, expect, it } from 'vitest';
import { ProblemList } from './problems.ts';
import { planUnits, readUnitRow, type CurrentUnit, type UnitRow } from './units.ts';

const unit = (
  code: string,
  parentCode: string | null,
  extra: Partial<CurrentUnit> = {},
): CurrentUnit => ({
  id: `id-${code}`,
  code,
  name: code,
  parentCode,
  kind: 'unit',
  validTo: null,
  activeStaff: 0,
  ...extra,
});
const row = (code: string, parentCode: string | null, extra: Partial<UnitRow> = {}): UnitRow => ({
  row: 2,
  code,
  name: code,
  parentCode,
  kind: 'unit',
  ...extra,
});
const options = { mode: 'full' as const, effectiveDate: '2026-11-23', rootCode: 'KOMMUN' };
const current = [
  unit('KOMMUN', null, { kind: 'municipality' }),
  unit('A', 'KOMMUN'),
  unit('B', 'A'),
  unit('C', 'A', { activeStaff: 3 }),
];

describe('planUnits', () => {
  it('creates, renames, moves, closes and keeps open units with staff', () => {
    const problems = new ProblemList();
    const plan = planUnits(
      [row('A', null), row('B', 'KOMMUN', { name: 'Bee' }), row('D', 'B')],
      current,
      options,
      problems,
    );
    expect(problems.items).toEqual([]);
    expect(plan.created.map((u) => [u.code, u.parentCode])).toEqual([['D', 'B']]);
    expect(plan.changed[0]?.changes).toEqual([
      { field: 'name', before: 'B', after: 'Bee' },
      { field: 'parent_code', before: 'A', after: 'KOMMUN' },
    ]);
    expect(plan.closed).toEqual([]);
    expect(plan.keptOpen.map((k) => k.unit.code)).toEqual(['C']);
    expect(plan.unchanged).toBe(1);
  });

  it('closes a unit missing from a full file the day before the effective date', () => {
    const plan = planUnits([row('A', null), row('C', 'A')], current, options, new ProblemList());
    expect(plan.closed).toEqual([{ unit: current[2], validTo: '2026-11-22' }]);
  });

  it('rejects a unit that would be its own ancestor and an unknown parent', () => {
    const problems = new ProblemList();
    planUnits(
      [row('A', 'B'), row('B', 'A'), row('X', 'NOPE')],
      current,
      { ...options, mode: 'partial' },
      problems,
    );
    expect(problems.items.map((p) => [p.code, p.params])).toEqual([
      ['parent_missing', { code: 'NOPE' }],
      ['parent_cycle', { codes: 'A → B → A' }],
      ['parent_cycle', { codes: 'B → A → B' }],
    ]);
  });
});

describe('readUnitRow', () => {
  it('reads Swedish unit types and refuses unknown ones', () => {
    const problems = new ProblemList();
    const cells: Record<string, string> = { code: 'X', name: 'Förvaltning X', kind: 'Förvaltning' };
    expect(readUnitRow(2, (f) => cells[f] ?? '', problems)?.kind).toBe('office');
    expect(
      readUnitRow(3, (f) => ({ ...cells, kind: 'rymdstation' })[f] ?? '', problems),
    ).toBeNull();
    expect(problems.items[0]).toMatchObject({ row: 3, column: 'kind' });
  });
});
