import { Readable, Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import {
  maxLengthOf,
  resolveColumns,
  type ImportKind,
  type MappingProfile,
} from '../../../domain/imports/columns.ts';
import type { ProblemList } from '../../../domain/imports/problems.ts';
import {
  isStorableText,
  type DomainProblemCode,
  type ProblemParams,
} from '../../../domain/problems.ts';
import { checkXlsxSizes, readPacked, XlsxTooLarge, XlsxUnreadable } from './xlsx-guard.ts';

/** More data rows than any municipality has staff: the file is wrong, and reading stops. */
export const MAX_ROWS = 200_000;
/** Characters in one CSV record: a person's row is a few hundred. */
const MAX_RECORD_CHARS = 64 * 1024;

export interface TableRecord {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: string[];
}

/** Why a file cannot be read at all, on the row where reading stopped (null: the file). */
export class FileProblem extends Error {
  constructor(
    readonly code: DomainProblemCode,
    readonly params: ProblemParams = {},
    readonly row: number | null = null,
  ) {
    super(code);
  }
}

/**
 * Decodes CSV bytes as UTF-8 (with or without BOM) or Windows-1252, decided at the first
 * non-ASCII byte: both agree on ASCII, so nothing read before that point changes meaning.
 */
class SwedishTextDecoder extends Transform {
  private encoding: 'undecided' | 'utf-8' | 'windows-1252' = 'undecided';
  private decoder: TextDecoder | null = null;
  private first = true;

  constructor() {
    super({ readableObjectMode: false, decodeStrings: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    let bytes = chunk;
    if (this.first) {
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3);
        this.decide('utf-8');
      }
    }
    if (this.encoding === 'undecided') {
      if (bytes.every((b) => b < 0x80)) {
        done(null, bytes.toString('latin1'));
        return;
      }
      this.decide(
        startsUtf8Sequence(
          bytes,
          bytes.findIndex((b) => b >= 0x80),
        )
          ? 'utf-8'
          : 'windows-1252',
      );
    }
    try {
      done(null, this.decoder?.decode(bytes, { stream: true }) ?? '');
    } catch {
      done(new FileProblem('mixed_encoding'));
    }
  }

  override _flush(done: TransformCallback) {
    try {
      done(null, this.decoder?.decode() ?? '');
    } catch {
      done(new FileProblem('truncated_text'));
    }
  }

  private decide(encoding: 'utf-8' | 'windows-1252') {
    this.encoding = encoding;
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  }
}

/** Is there a well-formed UTF-8 multi-byte sequence at `i` (as far as the chunk reaches)? */
function startsUtf8Sequence(bytes: Buffer, i: number): boolean {
  const lead = bytes[i] ?? 0;
  const length =
    lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 0;
  if (length === 0) return false;
  for (let k = 1; k < length && i + k < bytes.length; k++) {
    const next = bytes[i + k] ?? 0;
    if (next < 0x80 || next > 0xbf) return false;
  }
  return true;
}

/** Picks the delimiter from the header line: Swedish Excel writes `;`, most systems `,`. */
function delimiterOf(headerLine: string): string {
  const count = (char: string) => headerLine.split(char).length - 1;
  const candidates = [';', ',', '\t'].map((char) => [char, count(char)] as const);
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]?.[1] ? candidates[0][0] : ',';
}

async function* csvRecords(source: Readable): AsyncGenerator<TableRecord> {
  const text = source.pipe(new SwedishTextDecoder());
  source.on('error', (error) => text.destroy(error));
  // Read until the first line break to choose the delimiter, then parse everything. The
  // iterator is driven by hand: leaving a for-await loop early would destroy the stream.
  const iterator = text[Symbol.asyncIterator]() as AsyncIterator<string | Buffer>;
  const head: string[] = [];
  while (!head.join('').includes('\n') && head.join('').length < 65_536) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(String(next.value));
  }
  const rest = Readable.from(
    (async function* () {
      yield* head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield String(next.value);
    })(),
  );
  const parser = rest.pipe(
    parse({
      delimiter: delimiterOf(head.join('').split(/\r?\n/)[0] ?? ''),
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARS,
      info: true,
    }),
  );
  rest.on('error', (error) => parser.destroy(error));
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (record.every((cell) => cell.trim() === '')) continue;
    yield { row: info.lines, cells: record };
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    // A formula is never evaluated: only the value the spreadsheet saved is read.
    if ('result' in value) return value.result === undefined ? '' : cellText(value.result);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function* xlsxRecords(source: Readable): AsyncGenerator<TableRecord> {
  // Unpacked sizes are checked before exceljs reads anything (a small file can unpack to GBs).
  const packed = await readPacked(source);
  await checkXlsxSizes(packed);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([packed]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // needed to tell a date from a number
  });
  for await (const worksheet of workbook) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      const cells = values.slice(1).map((value) => cellText(value));
      if (cells.every((cell) => cell.trim() === '')) continue;
      yield { row: row.number, cells };
    }
    return; // Only the first worksheet holds the data.
  }
}

/** What went wrong while reading, as the problem the user sees. */
function asFileProblem(error: unknown, isXlsx: boolean): FileProblem {
  if (error instanceof FileProblem) return error;
  if (error instanceof XlsxTooLarge)
    return new FileProblem('file_too_large', { part: error.part, maximum: error.maximumMb });
  if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE')
    return new FileProblem(
      'row_too_long',
      { maximum: MAX_RECORD_CHARS },
      typeof error.lines === 'number' ? error.lines : null,
    );
  const reason =
    error instanceof XlsxUnreadable || error instanceof Error ? error.message : String(error);
  return new FileProblem('unreadable_file', { format: isXlsx ? 'Excel (.xlsx)' : 'CSV', reason });
}

/**
 * Stops reading a file early without breaking the connection it arrives on: destroying an
 * HTTP request stream would reset the socket before the answer is sent, so the rest is
 * drained and thrown away instead (memory stays bounded).
 */
export function discardRest(source: Readable): void {
  source.unpipe();
  source.resume();
}

/**
 * Reads a CSV or XLSX file as a stream of rows; the first row is the header. Memory stays
 * bounded: rows are yielded as they are parsed and reading stops after MAX_ROWS data rows.
 */
export async function* readTable(source: Readable, fileName: string): AsyncGenerator<TableRecord> {
  const isXlsx = /\.xlsx$/i.test(fileName);
  let count = 0;
  try {
    for await (const record of isXlsx ? xlsxRecords(source) : csvRecords(source)) {
      if (count++ > MAX_ROWS)
        throw new FileProblem('too_many_rows', { maximum: MAX_ROWS }, record.row);
      yield record;
    }
  } catch (error) {
    discardRest(source);
    throw asFileProblem(error, isXlsx);
  }
  if (count === 0) throw new FileProblem('empty_file');
}

/** A data row's cell by field name (empty when the file has no column for it). */
export type Cell = (field: string) => string;

/**
 * Reads a file's rows by field name: the header is matched to the fields of `kind` (with the
 * saved profile, if any) and every data row is handed to `onRow`. Column problems, and
 * `checkColumns`' verdict on the columns found, stop reading; a file that cannot be read becomes
 * a problem on its row. Every cell read is checked as the API checks its fields (no NUL or half
 * surrogate pair, no longer than the field takes), so the preview refuses what the apply would;
 * a row with such a cell is not handed on. Problems name columns by the file's headers.
 * Returns whether a header was accepted.
 */
export async function readMappedRows(
  input: {
    source: Readable;
    fileName: string;
    kind: ImportKind;
    profile?: MappingProfile | undefined;
    checkColumns?: (columns: ReadonlyMap<string, number>) => DomainProblemCode | null;
  },
  problems: ProblemList,
  onRow: (row: number, cell: Cell) => void,
): Promise<boolean> {
  let columns: Map<string, number> | null = null;
  try {
    for await (const record of readTable(input.source, input.fileName)) {
      if (!columns) {
        const resolved = resolveColumns(input.kind, record.cells, input.profile);
        for (const problem of resolved.problems)
          problems.add(record.row, problem.column, problem.code, problem.params);
        const refused = resolved.problems.length ? null : input.checkColumns?.(resolved.columns);
        if (refused) problems.add(record.row, null, refused);
        if (resolved.problems.length || refused) {
          discardRest(input.source);
          break;
        }
        columns = resolved.columns;
        const headers = record.cells;
        const byField = new Map([...columns].map(([field, index]) => [field, headers[index]]));
        problems.useHeaders((field) => byField.get(field));
        continue;
      }
      const map = columns;
      let storable = true;
      for (const [field, index] of map) {
        const value = record.cells[index] ?? '';
        if (!isStorableText(value)) {
          problems.add(record.row, field, 'invalid_text');
          storable = false;
        } else if (value.trim().length > maxLengthOf(field)) {
          problems.add(record.row, field, 'cell_too_long', {
            length: value.trim().length,
            maximum: maxLengthOf(field),
          });
          storable = false;
        }
      }
      if (!storable) continue;
      onRow(record.row, (field) => {
        const index = map.get(field);
        return index === undefined ? '' : (record.cells[index] ?? '');
      });
    }
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    problems.add(error.row, null, error.code, error.params);
  }
  return columns !== null;
}
