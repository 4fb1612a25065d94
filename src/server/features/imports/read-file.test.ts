import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FileProblem, MAX_ROWS, readTable } from './read-file.ts';

async function rows(bytes: Buffer | string, fileName = 'people.csv', chunkSize = 7) {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  // Small chunks prove that decoding and delimiter detection work across chunk borders.
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += chunkSize) chunks.push(buffer.subarray(i, i + chunkSize));
  const result = [];
  for await (const record of readTable(Readable.from(chunks), fileName)) result.push(record);
  return result;
}

const swedish = 'anställningsnummer;förnamn;efternamn\n1001;Åsa;Öberg\n1002;Märta;Ängström\n';

describe('readTable', () => {
  it('reads UTF-8 with a BOM and semicolons, numbering rows as a spreadsheet does', async () => {
    const result = await rows(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(swedish)]),
    );
    expect(result).toEqual([
      { row: 1, cells: ['anställningsnummer', 'förnamn', 'efternamn'] },
      { row: 2, cells: ['1001', 'Åsa', 'Öberg'] },
      { row: 3, cells: ['1002', 'Märta', 'Ängström'] },
    ]);
  });

  it('reads Windows-1252 so that å, ä and ö survive', async () => {
    const cp1252 = Buffer.from(swedish, 'latin1');
    const result = await rows(cp1252);
    expect(result[1]?.cells).toEqual(['1001', 'Åsa', 'Öberg']);
    expect(result[2]?.cells[2]).toBe('Ängström');
  });

  it('reads commas, quotes and skips blank lines', async () => {
    const result = await rows('id,name\r\n1,"Berg, Anna"\r\n\r\n2,"Said ""Ali"""\r\n');
    expect(result.map((r) => r.cells)).toEqual([
      ['id', 'name'],
      ['1', 'Berg, Anna'],
      ['2', 'Said "Ali"'],
    ]);
    expect(result[2]?.row).toBe(4);
  });

  it('refuses an empty file and a file that mixes encodings', async () => {
    await expect(rows('')).rejects.toThrow(FileProblem);
    await expect(rows('\n\n')).rejects.toMatchObject({ code: 'empty_file' });
    const mixed = Buffer.concat([
      Buffer.from('a;b\nÅsa;1\n', 'utf8'),
      Buffer.from('Öberg;2\n', 'latin1'),
    ]);
    await expect(rows(mixed, 'x.csv', 1024)).rejects.toMatchObject({ code: 'mixed_encoding' });
  });

  it('reads the first worksheet of an XLSX file, dates as dates and formulas never run', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Personal');
    sheet.addRow(['anställningsnummer', 'förnamn', 'startdatum', 'titel']);
    sheet.addRow([
      1001,
      'Åsa',
      new Date(Date.UTC(2024, 1, 29)),
      { formula: 'HYPERLINK("x")', result: 'Lärare' },
    ]);
    sheet.addRow([
      '1002',
      { richText: [{ text: 'Mär' }, { text: 'ta' }] },
      '2023-01-01',
      '=cmd|calc',
    ]);
    workbook.addWorksheet('Other').addRow(['ignored']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await rows(buffer, 'people.xlsx', 4096);
    expect(result.map((r) => r.cells)).toEqual([
      ['anställningsnummer', 'förnamn', 'startdatum', 'titel'],
      ['1001', 'Åsa', '2024-02-29', 'Lärare'],
      ['1002', 'Märta', '2023-01-01', '=cmd|calc'],
    ]);
  });

  it('says so when an .xlsx file is not a workbook', async () => {
    await expect(rows('not a zip file', 'people.xlsx')).rejects.toMatchObject({
      code: 'unreadable_file',
      params: { format: 'Excel (.xlsx)' },
    });
  });
});

describe('readTable on a huge file', () => {
  it('stops reading after MAX_ROWS data rows instead of holding the file in memory', async () => {
    let produced = 0;
    const huge = Readable.from(
      (function* () {
        yield 'id;name\n';
        for (; produced < MAX_ROWS + 50_000; produced++) yield `${produced};Namn ${produced}\n`;
      })(),
    );
    let read = 0;
    await expect(
      (async () => {
        for await (const record of readTable(huge, 'huge.csv')) read = record.row;
      })(),
    ).rejects.toMatchObject({ code: 'too_many_rows', params: { maximum: MAX_ROWS } });
    expect(read).toBe(MAX_ROWS + 1);
    expect(produced).toBeLessThan(MAX_ROWS + 50_000);
  });
});
