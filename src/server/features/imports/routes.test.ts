import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../../test/helpers/app.ts';
import type { ImportPreview, ImportResult, ImportRun } from '../../../contracts/imports.ts';

describe('imports over HTTP', () => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  let admin: string;
  const units = 'enhetskod;namn;överordnad;typ\nSOC-09;Mottagningsenheten;SOC;avdelning\n';

  beforeAll(async () => {
    t = await seededApp('pglite');
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const post = (url: string, body: string | Buffer, cookie = admin, type = 'text/csv') =>
    t.app.inject({ method: 'POST', url, payload: body, headers: { cookie, 'content-type': type } });

  it('previews without writing, then applies, lists and undoes', async () => {
    const preview = await post(
      '/api/imports/units/preview?fileName=enheter.csv&mode=partial',
      units,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.json<ImportPreview>().counts).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      ended: 0,
    });
    expect(
      await t.db
        .selectFrom('org_units')
        .select('id')
        .where('code', '=', 'SOC-09')
        .executeTakeFirst(),
    ).toBeUndefined();

    const applied = await post('/api/imports/units?fileName=enheter.csv&mode=partial', units);
    expect(applied.statusCode).toBe(200);
    expect(applied.json<ImportResult>().run).toMatchObject({
      kind: 'units',
      fileName: 'enheter.csv',
      appliedBy: 'Systemadministratör',
    });

    const history = await t.app.inject({ url: '/api/imports', headers: { cookie: admin } });
    const runs = history.json<{ runs: ImportRun[] }>().runs;
    expect(runs).toHaveLength(1);
    const detail = await t.app.inject({
      url: `/api/imports/${runs[0]?.id}`,
      headers: { cookie: admin },
    });
    expect(detail.json<{ changes: { label: string }[] }>().changes.map((c) => c.label)).toEqual([
      'created',
    ]);

    const undo = await t.app.inject({
      method: 'POST',
      url: '/api/imports/undo',
      headers: { cookie: admin },
    });
    expect(undo.json<ImportRun>().undoneBy).toBe('Systemadministratör');
    expect(
      await t.db
        .selectFrom('org_units')
        .select('id')
        .where('code', '=', 'SOC-09')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('answers a file with errors with 422, the rows in the details, and writes nothing', async () => {
    const response = await post(
      '/api/imports/units?fileName=x.csv&mode=partial',
      'enhetskod;namn;överordnad\nX;;SOC\nY;Y;NOPE\n',
    );
    expect(response.statusCode).toBe(422);
    const body = response.json<{ error: { code: string; details: ImportPreview } }>();
    expect(body.error.code).toBe('import_has_errors');
    expect(body.error.details.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: 'namn', code: 'empty' }),
        expect.objectContaining({ row: 3, column: 'överordnad', code: 'parent_missing' }),
      ]),
    );
    expect(
      await t.db.selectFrom('org_units').select('id').where('code', 'in', ['X', 'Y']).execute(),
    ).toEqual([]);
  });

  it('reads an XLSX upload', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Enheter');
    sheet.addRow(['Enhetskod', 'Namn', 'Överordnad', 'Typ']);
    sheet.addRow(['SOC-10', 'Familjecentralen', 'SOC', 'Avdelning']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await post(
      '/api/imports/units/preview?fileName=enheter.xlsx&mode=partial',
      buffer,
      admin,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.json<ImportPreview>().changes).toEqual([
      expect.objectContaining({ label: 'created', key: 'SOC-10', name: 'Familjecentralen' }),
    ]);
  });

  it('reads the headers, maps other layouts and saves the mapping as a profile', async () => {
    const file = 'Org-ID;Benämning;Förälder\nSOC-20;Fältgruppen;SOC\n';
    const columns = await post('/api/imports/units/columns?fileName=org.csv', file);
    expect(columns.json()).toEqual({
      headers: ['Org-ID', 'Benämning', 'Förälder'],
      fields: [
        { field: 'code', required: true, header: null },
        { field: 'name', required: true, header: 'Benämning' },
        { field: 'parent_code', required: false, header: null },
        { field: 'kind', required: false, header: null },
      ],
    });
    const unmapped = await post('/api/imports/units/preview?fileName=org.csv&mode=partial', file);
    expect(unmapped.json<ImportPreview>().errors[0]).toMatchObject({
      code: 'column_missing',
      params: { field: 'code' },
    });

    const mapping = encodeURIComponent(JSON.stringify({ code: 'Org-ID', parent_code: 'Förälder' }));
    const mapped = await post(
      `/api/imports/units/preview?fileName=org.csv&mode=partial&mapping=${mapping}`,
      file,
    );
    expect(mapped.json<ImportPreview>().changes).toEqual([
      expect.objectContaining({
        label: 'created',
        key: 'SOC-20',
        facts: { kind: 'unit', parent: 'SOC' },
      }),
    ]);

    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/imports/profiles',
      headers: { cookie: admin },
      payload: {
        kind: 'units',
        name: 'Personec',
        mapping: { code: 'Org-ID', parent_code: 'Förälder' },
      },
    });
    expect(saved.statusCode).toBe(200);
    const byProfile = await post(
      '/api/imports/units/preview?fileName=org.csv&mode=partial&profile=Personec',
      file,
    );
    expect(byProfile.json<ImportPreview>().counts.created).toBe(1);
    const list = await t.app.inject({ url: '/api/imports/profiles', headers: { cookie: admin } });
    expect(list.json<{ profiles: { name: string }[] }>().profiles.map((p) => p.name)).toEqual([
      'Personec',
    ]);

    const badField = await t.app.inject({
      method: 'PUT',
      url: '/api/imports/profiles',
      headers: { cookie: admin },
      payload: { kind: 'units', name: 'X', mapping: { colour: 'Färg' } },
    });
    expect(badField.statusCode).toBe(400);
    expect(badField.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toBe(
      'body.mapping.colour',
    );
    const missing = await post('/api/imports/units/preview?fileName=org.csv&profile=Nope', file);
    expect(missing.statusCode).toBe(404);

    const id = saved.json<{ id: string }>().id;
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/imports/profiles/${id}`,
          headers: { cookie: admin },
        })
      ).statusCode,
    ).toBe(204);
  });

  it('is for administrators only', async () => {
    const chef = await t.login('chef');
    expect((await post('/api/imports/units/preview?fileName=x.csv', units, chef)).statusCode).toBe(
      403,
    );
    expect(
      (await t.app.inject({ url: '/api/imports', headers: { cookie: chef } })).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/imports/undo',
          headers: { cookie: await t.login('strateg') },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('rejects an unknown kind and a missing file name with the field named', async () => {
    const kind = await post('/api/imports/planets/preview?fileName=x.csv', units);
    expect(kind.statusCode).toBe(400);
    expect(kind.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toBe(
      'params.kind',
    );
    const name = await post('/api/imports/units/preview', units);
    expect(name.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toBe(
      'querystring.fileName',
    );
  });
});
