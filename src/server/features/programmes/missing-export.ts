import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CourseState, PersonStatus } from '../../../domain/course-state.ts';
import { neutraliseFormula } from '../../../domain/imports/values.ts';
import type { ExportLanguage } from './export.ts';
import type { MissingCourse, MissingPerson } from './missing.ts';

export const PERSON_STATUS_TEXT: Record<ExportLanguage, Record<PersonStatus, string>> = {
  sv: {
    overdue: 'Försenad',
    assigned: 'Tilldelad',
    booked: 'Bokad',
    done: 'Klar',
    exempt: 'Undantagen',
  },
  en: {
    overdue: 'Overdue',
    assigned: 'Assigned',
    booked: 'Booked',
    done: 'Done',
    exempt: 'Exempt',
  },
};

export const COURSE_STATE_TEXT: Record<ExportLanguage, Record<CourseState, string>> = {
  sv: {
    done: 'Klar',
    pending: 'Väntar på godkännande',
    booked: 'Bokad',
    todo: 'Inte klar',
    expired: 'Har gått ut',
  },
  en: {
    done: 'Done',
    pending: 'Awaiting approval',
    booked: 'Booked',
    todo: 'Not done',
    expired: 'Expired',
  },
};

const HEADER: Record<ExportLanguage, { fixed: string[]; state: string; date: string }> = {
  sv: {
    fixed: [
      'Förvaltning',
      'Överordnad enhet',
      'Enhet eller organ',
      'Efternamn',
      'Förnamn',
      'Anställningsnummer',
      'Klar senast',
      'Status',
      'Skäl till undantag',
    ],
    state: 'status',
    date: 'datum',
  },
  en: {
    fixed: [
      'Office',
      'Parent unit',
      'Unit or body',
      'Last name',
      'First name',
      'Employee number',
      'Due',
      'Status',
      'Exemption reason',
    ],
    state: 'status',
    date: 'date',
  },
};

/** A date column's cell: the calendar date itself (a spreadsheet date in XLSX). */
interface DateCell {
  date: string;
}
type Cell = string | DateCell | null;

export function missingHeader(courses: readonly MissingCourse[], lang: ExportLanguage): string[] {
  const { fixed, state, date } = HEADER[lang];
  return [
    ...fixed,
    ...courses.flatMap((c) => [`${c.name}: ${state}`, `${c.name}: ${date}`].map(neutraliseFormula)),
  ];
}

const text = (value: string | null) => (value === null ? null : neutraliseFormula(value));
const day = (value: string | null): Cell => (value === null ? null : { date: value });

function cells(person: MissingPerson, lang: ExportLanguage): Cell[] {
  return [
    text(person.place.office),
    text(person.place.parent),
    text(person.place.name),
    text(person.lastName),
    text(person.firstName),
    text(person.employeeNumber),
    day(person.dueOn),
    PERSON_STATUS_TEXT[lang][person.status],
    text(person.exemptReason),
    ...person.courses.flatMap((c) => [COURSE_STATE_TEXT[lang][c.state], day(c.date)]),
  ];
}

const QUOTED = /[;"\n\r]/;
const csvText = (value: string) =>
  QUOTED.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
const csvField = (cell: Cell) =>
  csvText(cell === null ? '' : typeof cell === 'string' ? cell : cell.date);
/** A free-text value as its CSV field: formulas neutralised, quoted when it must be. */
const csvFree = (value: string | null) => (value === null ? '' : csvText(neutraliseFormula(value)));

/**
 * The list as CSV (semicolons, a byte order mark for Excel), produced chunk by chunk. The same
 * fields as {@link cells}, written straight into the line: many people share a place, so each
 * place's three fields are escaped once; statuses are the export's own words and need no quoting.
 */
export async function* missingCsv(
  courses: readonly MissingCourse[],
  people: AsyncIterable<MissingPerson[]>,
  lang: ExportLanguage,
): AsyncGenerator<string> {
  yield `\uFEFF${missingHeader(courses, lang).map(csvField).join(';')}\r\n`;
  const placeFields = new Map<MissingPerson['place'], string>();
  const statusText = PERSON_STATUS_TEXT[lang];
  const stateText = COURSE_STATE_TEXT[lang];
  for await (const chunk of people) {
    let out = '';
    for (const person of chunk) {
      const { place } = person;
      let where = placeFields.get(place);
      if (where === undefined) {
        where = `${csvFree(place.office)};${csvFree(place.parent)};${csvFree(place.name)}`;
        placeFields.set(place, where);
      }
      let line = `${where};${csvFree(person.lastName)};${csvFree(person.firstName)};${csvFree(person.employeeNumber)};${person.dueOn ?? ''};${statusText[person.status]};${csvFree(person.exemptReason)}`;
      for (const course of person.courses)
        line += `;${stateText[course.state]};${course.date ?? ''}`;
      out += `${line}\r\n`;
    }
    yield out;
  }
}

/**
 * The list as XLSX, written as it is read (exceljs' streaming writer): a frozen, filterable
 * header row and real dates. The returned stream ends when the workbook is complete.
 */
export function missingXlsx(
  sheetName: string,
  courses: readonly MissingCourse[],
  people: AsyncIterable<MissingPerson[]>,
  lang: ExportLanguage,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const header = missingHeader(courses, lang);
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = header.map((name) => ({
    header: name,
    width: Math.min(40, Math.max(12, name.length + 2)),
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    sheet.getRow(1).commit();
    for await (const chunk of people)
      for (const person of chunk) {
        const row = sheet.addRow(
          cells(person, lang).map((cell) =>
            cell !== null && typeof cell === 'object' ? new Date(`${cell.date}T00:00:00Z`) : cell,
          ),
        );
        row.eachCell((cell) => {
          if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
        });
        row.commit();
      }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
