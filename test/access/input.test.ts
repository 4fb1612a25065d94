import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src/contracts/imports.ts';
import { caller, employeesOf } from '../helpers/accounts.ts';
import { seededApp } from '../helpers/app.ts';
import { BACKENDS } from '../helpers/db.ts';
import { zip } from '../helpers/zip.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook whose shared strings unpack to `megabytes` MB while the file weighs kilobytes. */
function sharedStringsBomb(megabytes: number): Buffer {
  const text = 'A'.repeat(megabytes * 1024 * 1024);
  return zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
    'xl/workbook.xml':
      '<?xml version="1.0"?><workbook><sheets><sheet name="P" sheetId="1"/></sheets></workbook>',
    'xl/sharedStrings.xml': `<?xml version="1.0"?><sst><si><t>${text}</t></si></sst>`,
    'xl/worksheets/sheet1.xml': '<?xml version="1.0"?><worksheet><sheetData/></worksheet>',
  });
}

describe.each(BACKENDS)('text and files no field may hold, on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  let call: ReturnType<typeof caller>;
  let admin = '';
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await seededApp(backend);
    call = caller(t);
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('refuses NUL and half a surrogate pair in any field with the field named, writing nothing', async () => {
    const [person] = await employeesOf(t, 'SOC');
    for (const raw of [
      '{"firstName":"A\\u0000B"}',
      '{"firstName":"\\ud800x"}',
      '{"firstName":"x\\udc00"}',
    ]) {
      const answer = await call(admin, 'PATCH', `/api/org/people/${person}`, raw, {
        'content-type': 'application/json',
      });
      expect(answer.status, raw).toBe(400);
      expect(answer.body).toMatchObject({
        error: {
          code: 'validation_failed',
          details: [{ path: 'body.firstName', code: 'invalid_text' }],
        },
      });
    }
    const unknownField = await call(
      admin,
      'PATCH',
      `/api/org/people/${person}`,
      '{"nickname":"\\u0000"}',
      {
        'content-type': 'application/json',
      },
    );
    expect(unknownField.body).toMatchObject({ error: { details: [{ path: 'body.nickname' }] } });
    const query = await call(
      admin,
      'GET',
      '/api/sessions/00000000-0000-4000-8000-000000000000/candidates?q=%00ab',
    );
    expect(query.body).toMatchObject({
      error: { details: [{ path: 'querystring.q', code: 'invalid_text' }] },
    });
    const name = await t.db
      .selectFrom('people')
      .select('first_name')
      .where('id', '=', person!)
      .executeTakeFirstOrThrow();
    expect(name.first_name).not.toContain('\u0000');
  });

  it('finds the same text in an import cell in the preview, so the apply never fails on it', async () => {
    const before = await count();
    const file = 'anställningsnummer;förnamn;efternamn;enhetskod\nZ-1;Ada\u0000;Nul;SOC\n';
    const url = '/api/imports/people?fileName=nul.csv&mode=partial';
    const preview = await call<ImportPreview>(
      admin,
      'POST',
      url.replace('people?', 'people/preview?'),
      file,
      {
        'content-type': 'text/csv',
      },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'förnamn', code: 'invalid_text' }),
    ]);
    const applied = await call(admin, 'POST', url, file, { 'content-type': 'text/csv' });
    expect(applied.status).toBe(422);
    const long = `anställningsnummer;förnamn;efternamn;enhetskod\nZ-2;${'x'.repeat(201)};Lång;SOC\n`;
    const tooLong = await call<ImportPreview>(
      admin,
      'POST',
      url.replace('people?', 'people/preview?'),
      long,
      {
        'content-type': 'text/csv',
      },
    );
    expect(tooLong.body.errors[0]).toMatchObject({
      code: 'cell_too_long',
      params: { maximum: 200 },
    });
    expect(await count()).toBe(before);
  });

  it('refuses an XLSX whose shared strings would unpack far beyond any HR export', async () => {
    const bomb = sharedStringsBomb(48);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const preview = await call<ImportPreview>(
      admin,
      'POST',
      '/api/imports/people/preview?fileName=bomb.xlsx',
      bomb,
      { 'content-type': XLSX },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.errors).toEqual([
      expect.objectContaining({
        code: 'file_too_large',
        params: { part: 'xl/sharedStrings.xml', maximum: 32 },
      }),
    ]);
  });
});
