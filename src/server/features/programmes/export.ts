import ExcelJS from 'exceljs';
import type { ProgrammeProgress } from '../../../contracts/programmes.ts';
import { neutraliseFormula } from '../../../domain/imports/values.ts';

export type ExportLanguage = 'sv' | 'en';

const HEADERS: Record<ExportLanguage, string[]> = {
  sv: [
    'Mål',
    'Målkod',
    'Nivå',
    'Kod',
    'Namn',
    'Ska utbildas',
    'Klara',
    'Andel %',
    'Mål %',
    'Senast',
    'Status',
    'Prognos %',
    'Behövs per månad',
  ],
  en: [
    'Target',
    'Target code',
    'Level',
    'Code',
    'Name',
    'To be trained',
    'Done',
    'Share %',
    'Target %',
    'By',
    'Status',
    'Forecast %',
    'Needed per month',
  ],
};

const STATUS: Record<ExportLanguage, Record<string, string>> = {
  sv: { met: 'Uppnått', on_track: 'I fas', at_risk: 'Risk', behind: 'Efter' },
  en: { met: 'Met', on_track: 'On track', at_risk: 'At risk', behind: 'Behind' },
};

const WHOLE: Record<ExportLanguage, string> = { sv: 'Hela kommunen', en: 'Whole municipality' };

/** What a suppressed figure says: never a number, not even "fewer than 5" (it may be more). */
const HIDDEN: Record<ExportLanguage, { cell: string; status: string }> = {
  sv: { cell: 'Dolt', status: 'Dolt: färre än 5 personer eller skydd av en sådan grupp' },
  en: { cell: 'Hidden', status: 'Hidden: fewer than 5 people, or protecting such a group' },
};

/** The dashboard's tables as rows: per target the whole and then every node (no people). */
export function exportRows(progress: ProgrammeProgress, lang: ExportLanguage) {
  const rows: (string | number)[][] = [];
  for (const target of progress.targets) {
    const row = (
      level: string,
      code: string,
      name: string,
      f: typeof target.overall,
    ): (string | number)[] => {
      const hidden = HIDDEN[lang];
      const figure = (value: number | null) => (f.suppressed ? hidden.cell : (value ?? ''));
      return [
        neutraliseFormula(target.name),
        target.code,
        level,
        neutraliseFormula(code),
        neutraliseFormula(name),
        figure(f.eligible),
        figure(f.completed),
        figure(f.percent),
        target.targetPercent,
        target.by,
        f.status ? (STATUS[lang][f.status] ?? f.status) : hidden.status,
        figure(f.forecastAtDeadline),
        figure(f.paceNeeded),
      ];
    };
    rows.push(row('municipality', '', WHOLE[lang], target.overall));
    for (const node of target.nodes) rows.push(row(node.level, node.code, node.name, node));
  }
  return rows;
}

export function progressCsv(progress: ProgrammeProgress, lang: ExportLanguage): string {
  const quote = (value: string | number) => {
    const text =
      typeof value === 'number' && lang === 'sv' ? String(value).replace('.', ',') : String(value);
    return /[;"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [HEADERS[lang], ...exportRows(progress, lang)].map((row) =>
    row.map(quote).join(';'),
  );
  // A byte order mark so Excel opens the Swedish characters as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function progressXlsx(
  progress: ProgrammeProgress,
  lang: ExportLanguage,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(progress.programme.code.slice(0, 31));
  sheet.addRow(HEADERS[lang]).font = { bold: true };
  for (const row of exportRows(progress, lang)) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
