import { describe, expect, it } from 'vitest';
import { matchColumns, resolveColumns } from './columns.ts';
import {
  looksDoubleEncoded,
  neutraliseFormula,
  parseBoolean,
  parseDate,
  parseEmail,
} from './values.ts';

describe('cell values', () => {
  it('reads dates and rejects impossible ones', () => {
    expect(parseDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate('20240301')).toEqual({ ok: true, value: '2024-03-01' });
    expect(parseDate('2023-02-30')).toEqual({
      ok: false,
      code: 'no_such_date',
      params: { value: '2023-02-30' },
    });
    expect(parseDate('1/3/2024').ok).toBe(false);
  });

  it('reads yes/no in Swedish and English', () => {
    expect(['ja', 'X', '1', 'yes'].map((v) => parseBoolean(v))).toEqual(
      Array(4).fill({ ok: true, value: true }),
    );
    expect(['nej', '', '0'].map((v) => parseBoolean(v))).toEqual(
      Array(3).fill({ ok: true, value: false }),
    );
    expect(parseBoolean('kanske').ok).toBe(false);
  });

  it('checks e-mail addresses', () => {
    expect(parseEmail(' Anna.Berg@Kommun.SE ')).toEqual({ ok: true, value: 'anna.berg@kommun.se' });
    expect(parseEmail('anna@kommun').ok).toBe(false);
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(neutraliseFormula("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(neutraliseFormula('+46 70')).toBe("'+46 70");
    expect(neutraliseFormula('Åsa')).toBe('Åsa');
  });

  it('recognises double-encoded å, ä and ö', () => {
    expect(looksDoubleEncoded('Ã…sa Ã–berg')).toBe(true);
    expect(looksDoubleEncoded('Åsa Öberg')).toBe(false);
  });
});

describe('resolveColumns', () => {
  it('recognises Swedish and English headers in any case and spelling', () => {
    const { columns, problems } = resolveColumns('people', [
      'Anställningsnummer',
      'First Name',
      'EFTERNAMN',
      'E-post',
      'enhetskod',
    ]);
    expect(problems).toEqual([]);
    expect(Object.fromEntries(columns)).toEqual({
      employee_id: 0,
      first_name: 1,
      last_name: 2,
      email: 3,
      unit_code: 4,
    });
  });

  it('names missing required columns and ambiguous ones', () => {
    expect(
      resolveColumns('people', ['förnamn']).problems.map((p) => [p.code, p.params.field]),
    ).toEqual([
      ['column_missing', 'employee_id'],
      ['column_missing', 'last_name'],
      ['column_missing', 'unit_code'],
    ]);
    expect(resolveColumns('units', ['kod', 'code', 'namn']).problems[0]).toMatchObject({
      code: 'column_ambiguous',
      params: { field: 'code' },
    });
  });

  it('follows a saved profile for other layouts', () => {
    const { columns } = resolveColumns('units', ['Org-ID', 'Benämning'], { code: 'Org-ID' });
    expect(columns.get('code')).toBe(0);
    expect(columns.get('name')).toBe(1);
  });
});

describe('matchColumns', () => {
  it('says which header each field is read from, following a profile', () => {
    expect(matchColumns('units', ['Org-ID', 'Namn'], { code: 'Org-ID' })).toEqual([
      { field: 'code', required: true, header: 'Org-ID' },
      { field: 'name', required: true, header: 'Namn' },
      { field: 'parent_code', required: false, header: null },
      { field: 'kind', required: false, header: null },
    ]);
  });
});
