import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ProgrammeProgress, ProgressNode } from '../../../contracts/programmes.ts';
import { progressCsv, progressXlsx } from './export.ts';

const figures = {
  suppressed: false,
  eligible: 10,
  completed: 4,
  percent: 40,
  status: 'behind' as const,
  forecastAtDeadline: 55.5,
  paceNeeded: 2,
  pace: 1,
};
const node = (
  id: string,
  name: string,
  level: ProgressNode['level'],
  parentId: string | null,
  kind: 'unit' | 'body' = 'unit',
): ProgressNode => ({
  ...figures,
  kind,
  id,
  code: id.toUpperCase(),
  name,
  level,
  parentId,
  targetNode: false,
});

const progress: ProgrammeProgress = {
  programme: {
    id: 'p',
    code: 'VNR',
    name: 'Våld',
    status: 'active',
    periodStart: '2026-01-01',
    periodEnd: '2027-12-31',
  },
  asOf: '2026-12-04',
  courses: [],
  preview: null,
  canManage: false,
  canReadTrainers: false,
  canSeePeople: false,
  canListMissing: false,
  scopeUnitIds: null,
  focus: null,
  path: [],
  targets: [
    {
      code: 'ALLA',
      name: 'Alla',
      targetPercent: 80,
      by: '2027-06-30',
      population: 'all',
      scope: 'office',
      courses: [],
      overall: figures,
      trend: [],
      summary: { met: 0, on_track: 0, at_risk: 0, behind: 1 },
      suppressedTargetNodes: 0,
      // Alphabetical, as the dashboard keeps them: the export puts each after its parent.
      nodes: [
        node('kfn', 'Kultur- och fritidsnämnden', 'committee', null, 'body'),
        node('bib', 'Biblioteket', 'unit', 'kfk'),
        node('kfk', 'Kultur- och fritidskontoret', 'office', 'root'),
        node('root', 'Älvsala kommun', 'municipality', null),
        node('aldre', 'Äldreomsorg', 'department', 'soc'),
        node('soc', 'Socialkontoret', 'office', 'root'),
      ],
    },
  ],
};

describe('the progress export', () => {
  it('lists the nodes in tree order with their parent and level in the export’s language', () => {
    const lines = progressCsv(progress, 'sv').replace('\uFEFF', '').trim().split('\r\n');
    const cells = lines.map((line) => line.split(';'));
    expect(cells[0]?.slice(2, 7)).toEqual(['Nivå', 'Kod', 'Namn', 'Överordnad', 'Ska utbildas']);
    expect(cells.slice(1).map((row) => [row[2], row[4], row[5]])).toEqual([
      ['Kommun', 'Hela kommunen', ''],
      ['Kommun', 'Älvsala kommun', ''],
      ['Förvaltning', 'Kultur- och fritidskontoret', 'Älvsala kommun'],
      ['Enhet', 'Biblioteket', 'Kultur- och fritidskontoret'],
      ['Förvaltning', 'Socialkontoret', 'Älvsala kommun'],
      ['Avdelning', 'Äldreomsorg', 'Socialkontoret'],
      ['Nämnd', 'Kultur- och fritidsnämnden', ''],
    ]);
    expect(cells[1]?.[10]).toBe('2027-06-30');
    expect(cells[1]?.[12]).toBe('55,5');
    const english = progressCsv(progress, 'en').split('\r\n');
    expect(english[3]).toContain(';Office;');
  });

  it('writes a workbook with a frozen, filterable header and real dates', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await progressXlsx(progress, 'sv')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const by = sheet.getRow(2).getCell(11).value;
    expect(by).toBeInstanceOf(Date);
    expect((by as Date).toISOString().slice(0, 10)).toBe('2027-06-30');
    expect(sheet.getRow(4).getCell(6).value).toBe('Älvsala kommun');
    expect(sheet.getRow(2).getCell(9).value).toBe(40);
  });
});
