import ExcelJS from 'exceljs';
import type { ProgrammeProgress, ProgressNode } from '../../../contracts/programmes.ts';
import { neutraliseFormula } from '../../../domain/imports/values.ts';
import { buildTree, type TreeNode } from '../../../domain/org-tree.ts';

export type ExportLanguage = 'sv' | 'en';

const HEADERS: Record<ExportLanguage, string[]> = {
  sv: [
    'Mål',
    'Målkod',
    'Nivå',
    'Kod',
    'Namn',
    'Överordnad',
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
    'Parent',
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

const LEVELS: Record<ExportLanguage, Record<ProgressNode['level'], string>> = {
  sv: {
    municipality: 'Kommun',
    office: 'Förvaltning',
    department: 'Avdelning',
    unit: 'Enhet',
    council: 'Fullmäktige',
    board: 'Styrelse',
    committee: 'Nämnd',
  },
  en: {
    municipality: 'Municipality',
    office: 'Office',
    department: 'Department',
    unit: 'Unit',
    council: 'Council',
    board: 'Board',
    committee: 'Committee',
  },
};

/** What a suppressed figure says: never a number, not even "fewer than 5" (it may be more). */
const HIDDEN: Record<ExportLanguage, { cell: string; status: string }> = {
  sv: { cell: 'Dolt', status: 'Dolt: färre än 5 personer eller skydd av en sådan grupp' },
  en: { cell: 'Hidden', status: 'Hidden: fewer than 5 people, or protecting such a group' },
};

/** A cell: text, a number, or a calendar date (a real date in XLSX, `YYYY-MM-DD` in CSV). */
export type Cell = string | number | { date: string };

/** The units in the order of the tree (each after its parent, siblings by name), then bodies. */
function treeOrder(nodes: readonly ProgressNode[]): ProgressNode[] {
  const ordered: ProgressNode[] = [];
  const walk = (list: TreeNode<ProgressNode>[]) => {
    for (const node of list) {
      ordered.push(node);
      walk(node.children);
    }
  };
  walk(buildTree(nodes.filter((n) => n.kind === 'unit')));
  return [...ordered, ...nodes.filter((n) => n.kind === 'body')];
}

/**
 * The dashboard's tables as rows: per target the whole and then every node in tree order with
 * its parent's name (no people).
 */
export function exportRows(progress: ProgrammeProgress, lang: ExportLanguage): Cell[][] {
  const rows: Cell[][] = [];
  for (const target of progress.targets) {
    const names = new Map(target.nodes.map((n) => [n.id, n.name]));
    const row = (
      level: ProgressNode['level'],
      code: string,
      name: string,
      parent: string,
      f: typeof target.overall,
    ): Cell[] => {
      const hidden = HIDDEN[lang];
      const figure = (value: number | null) => (f.suppressed ? hidden.cell : (value ?? ''));
      return [
        neutraliseFormula(target.name),
        target.code,
        LEVELS[lang][level],
        neutraliseFormula(code),
        neutraliseFormula(name),
        neutraliseFormula(parent),
        figure(f.eligible),
        figure(f.completed),
        figure(f.percent),
        target.targetPercent,
        { date: target.by },
        f.status ? (STATUS[lang][f.status] ?? f.status) : hidden.status,
        figure(f.forecastAtDeadline),
        figure(f.paceNeeded),
      ];
    };
    rows.push(row('municipality', '', WHOLE[lang], '', target.overall));
    for (const node of treeOrder(target.nodes))
      rows.push(
        row(
          node.level,
          node.code,
          node.name,
          node.parentId ? (names.get(node.parentId) ?? '') : '',
          node,
        ),
      );
  }
  return rows;
}

export function progressCsv(progress: ProgrammeProgress, lang: ExportLanguage): string {
  const quote = (value: Cell) => {
    const text =
      typeof value === 'object'
        ? value.date
        : typeof value === 'number' && lang === 'sv'
          ? String(value).replace('.', ',')
          : String(value);
    return /[;"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [HEADERS[lang], ...exportRows(progress, lang)].map((row) =>
    row.map(quote).join(';'),
  );
  // A byte order mark so Excel opens the Swedish characters as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same rows as a workbook: a frozen, filterable header, real dates, widths that fit. */
export async function progressXlsx(
  progress: ProgrammeProgress,
  lang: ExportLanguage,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(progress.programme.code.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const header = HEADERS[lang];
  sheet.addRow(header).font = { bold: true };
  for (const row of exportRows(progress, lang)) {
    const added = sheet.addRow(
      row.map((cell) => (typeof cell === 'object' ? new Date(`${cell.date}T00:00:00Z`) : cell)),
    );
    row.forEach((cell, index) => {
      if (typeof cell === 'object') added.getCell(index + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  sheet.columns.forEach((column, index) => {
    column.width = index === 0 || index === 4 || index === 5 ? 32 : 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
