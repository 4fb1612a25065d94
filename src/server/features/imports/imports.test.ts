import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { seedDemo } from '../demo/seed.ts';
import { createImportService, type ImportActor, type ImportInput } from './service.ts';

const DAY = '2026-11-23';

interface ExportRow {
  employee_id: string;
  first_name: string;
  last_name: string;
  email: string;
  unit_code: string;
  title: string;
  is_manager: string;
  start_date: string;
}

const HEADER = 'anställningsnummer;förnamn;efternamn;e-post;enhetskod;befattning;chef;startdatum';
const toCsv = (rows: ExportRow[]) =>
  [
    HEADER,
    ...rows.map((r) =>
      [
        r.employee_id,
        r.first_name,
        r.last_name,
        r.email,
        r.unit_code,
        r.title,
        r.is_manager,
        r.start_date,
      ].join(';'),
    ),
  ].join('\n');

describe.each(BACKENDS)('people and units imports on %s', (backend) => {
  let database: TestDatabase;
  let actor: ImportActor;
  let service: ReturnType<typeof createImportService>;

  /** The tenant's active workforce as an HR system would export it today. */
  async function exportWorkforce(): Promise<ExportRow[]> {
    const rows = await database.db
      .selectFrom('employments as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .innerJoin('org_units as u', 'u.id', 'e.unit_id')
      .select([
        'p.employee_number',
        'p.first_name',
        'p.last_name',
        'p.email',
        'u.code',
        'e.title',
        'e.is_manager',
        'e.start_date',
      ])
      .where('e.tenant_id', '=', actor.tenantId)
      .where('e.start_date', '<=', DAY)
      .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', DAY)]))
      .orderBy('p.employee_number')
      .execute();
    return rows.map((r) => ({
      employee_id: r.employee_number ?? '',
      first_name: r.first_name,
      last_name: r.last_name,
      email: r.email ?? '',
      unit_code: r.code,
      title: r.title,
      is_manager: r.is_manager ? 'ja' : 'nej',
      start_date: r.start_date,
    }));
  }

  async function state() {
    const people = await database.db
      .selectFrom('people')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .orderBy('id')
      .execute();
    const employments = await database.db
      .selectFrom('employments')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .orderBy('id')
      .execute();
    const units = await database.db
      .selectFrom('org_units')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .orderBy('id')
      .execute();
    const seats = await database.db
      .selectFrom('seats')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .orderBy('id')
      .execute();
    return { people, employments, units, seats };
  }

  const input = (
    kind: ImportInput['kind'],
    csv: string,
    extra: Partial<ImportInput> = {},
  ): ImportInput => ({
    kind,
    fileName: `${kind}.csv`,
    source: Readable.from([Buffer.from(csv, 'utf8')]),
    mode: 'full',
    effectiveDate: DAY,
    ...extra,
  });

  beforeAll(async () => {
    database = await freshDatabase(backend);
    await seedDemo(database.db, { employees: 150, seed: 3, referenceDate: DAY });
    const tenant = await database.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
    actor = { tenantId: tenant.id as TenantId, userId: null, label: 'test' };
    service = createImportService(database.db);
  });
  afterAll(() => database.close());

  it('finds nothing to change when the file matches Tryggve', async () => {
    const current = await exportWorkforce();
    const preview = await service.preview(actor, input('people', toCsv(current)));
    expect(preview.errors).toEqual([]);
    expect(preview.counts).toEqual({ created: 0, updated: 0, unchanged: current.length, ended: 0 });
    expect(preview.canApply).toBe(true);
  });

  it('applies joiners, movers, changes and leavers in one run, then the same file changes nothing', async () => {
    const current = await exportWorkforce();
    const [moving, renamed, promoted, leaving] = current.slice(3, 7) as [
      ExportRow,
      ExportRow,
      ExportRow,
      ExportRow,
    ];
    const otherUnit = current.find((r) => r.unit_code !== moving.unit_code)?.unit_code ?? '';
    const file = toCsv([
      ...current.filter((r) => r !== leaving && r !== moving && r !== renamed && r !== promoted),
      { ...moving, unit_code: otherUnit },
      { ...renamed, last_name: 'Nyström-Berg' },
      { ...promoted, is_manager: promoted.is_manager === 'ja' ? 'nej' : 'ja' },
      {
        employee_id: '900001',
        first_name: 'Åsa',
        last_name: 'Öberg',
        email: 'asa.oberg@alvsala.se',
        unit_code: otherUnit,
        title: 'Bibliotekarie',
        is_manager: 'nej',
        start_date: '2026-11-01',
      },
    ]);
    const before = await state();
    const { preview, run } = await service.apply(actor, input('people', file));
    expect(preview.counts).toEqual({
      created: 1,
      updated: 3,
      unchanged: current.length - 4,
      ended: 1,
    });
    expect(run?.counts).toEqual(preview.counts);
    const labels = preview.changes.map((c) => `${c.label}:${c.key}`).sort();
    expect(labels).toEqual(
      [
        `changed:${promoted.employee_id}`,
        `changed:${renamed.employee_id}`,
        `joiner:900001`,
        `leaver:${leaving.employee_id}`,
        `mover:${moving.employee_id}`,
      ].sort(),
    );

    const after = await state();
    expect(after.people.length).toBe(before.people.length + 1);
    const asa = after.people.find((p) => p.employee_number === '900001');
    expect(asa).toMatchObject({ first_name: 'Åsa', last_name: 'Öberg' });
    const leaverEmployment = after.employments.find(
      (e) =>
        e.person_id === before.people.find((p) => p.employee_number === leaving.employee_id)?.id &&
        e.end_date !== null,
    );
    expect(leaverEmployment?.end_date).toBe('2026-11-22');

    const again = await service.apply(actor, input('people', file));
    expect(again.preview.counts).toEqual({
      created: 0,
      updated: 0,
      unchanged: current.length,
      ended: 0,
    });

    const history = await service.history(actor);
    expect(history[0]).toMatchObject({ kind: 'people', fileName: 'people.csv', appliedBy: 'test' });
    const detail = await service.changesOf(actor, history[1]?.id ?? '');
    expect(
      detail.changes.some(
        (c) => c.label === 'mover' && c.entity === 'employment' && c.action === 'create',
      ),
    ).toBe(true);
  });

  it('undoes the latest import exactly', async () => {
    const current = await exportWorkforce();
    const before = await state();
    const file = toCsv([
      ...current.slice(1),
      {
        employee_id: '900002',
        first_name: 'Bo',
        last_name: 'Ek',
        email: 'bo.ek@alvsala.se',
        unit_code: current[0]?.unit_code ?? '',
        title: 'Lärare',
        is_manager: 'nej',
        start_date: DAY,
      },
    ]);
    await service.apply(actor, input('people', file));
    expect(await state()).not.toEqual(before);
    // The earlier test left two runs; the newest is undone first.
    const undone = await service.undoLatest(actor);
    expect(undone.undoneBy).toBe('test');
    expect(await state()).toEqual(before);
  });

  it('property: applying any variation of the workforce file and undoing it restores the state', async () => {
    const current = await exportWorkforce();
    const before = await state();
    const units = [...new Set(current.map((r) => r.unit_code))];
    const variation = fc.record({
      drop: fc.uniqueArray(fc.nat(current.length - 1), { maxLength: 5 }),
      move: fc.uniqueArray(fc.tuple(fc.nat(current.length - 1), fc.nat(units.length - 1)), {
        maxLength: 5,
        selector: ([i]) => i,
      }),
      rename: fc.uniqueArray(fc.nat(current.length - 1), { maxLength: 3 }),
      join: fc.nat(3),
      partial: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(variation, async ({ drop, move, rename, join, partial }) => {
        const rows = current
          .map((row, i) => {
            const moved = move.find(([index]) => index === i);
            return {
              ...row,
              unit_code: moved ? (units[moved[1]] ?? row.unit_code) : row.unit_code,
              last_name: rename.includes(i) ? `${row.last_name}-Ny` : row.last_name,
            };
          })
          .filter((_, i) => !drop.includes(i));
        for (let j = 0; j < join; j++) {
          rows.push({
            ...(current[0] as ExportRow),
            employee_id: `8${j}0000`,
            email: `prop${j}@alvsala.se`,
          });
        }
        const { run } = await service.apply(
          actor,
          input('people', toCsv(rows), {
            mode: partial ? 'partial' : 'full',
            confirmLeavers: true,
          }),
        );
        if (run) await service.undoLatest(actor);
        expect(await state()).toEqual(before);
      }),
      { numRuns: 8 },
    );
  });

  it('reports every bad row with its column and applies nothing', async () => {
    const current = await exportWorkforce();
    const before = await state();
    const good = current[0] as ExportRow;
    const file = [
      HEADER,
      [
        good.employee_id,
        good.first_name,
        good.last_name,
        'not-an-email',
        good.unit_code,
        good.title,
        'ja',
        '2023-02-30',
      ].join(';'),
      [good.employee_id, 'Dup', 'Licate', '', good.unit_code, 'x', 'nej', ''].join(';'),
      ['900003', 'Ny', 'Person', '', 'NO-SUCH-UNIT', 'x', 'kanske', ''].join(';'),
      ['900004', '', 'Tom', '', good.unit_code, 'x', 'nej', ''].join(';'),
    ].join('\n');
    const { preview, run } = await service.apply(actor, input('people', file));
    expect(run).toBeNull();
    expect(preview.canApply).toBe(false);
    // Each problem names the column as the file's header does, with a code and its values.
    expect(
      preview.errors.map(({ row, column, code, params }) => ({ row, column, code, params })),
    ).toEqual(
      expect.arrayContaining([
        { row: 2, column: 'e-post', code: 'not_an_email', params: { value: 'not-an-email' } },
        { row: 2, column: 'startdatum', code: 'no_such_date', params: { value: '2023-02-30' } },
        {
          row: 3,
          column: 'anställningsnummer',
          code: 'id_again',
          params: { value: good.employee_id, row: 2 },
        },
        { row: 4, column: 'enhetskod', code: 'unknown_unit', params: { code: 'NO-SUCH-UNIT' } },
        { row: 4, column: 'chef', code: 'not_yes_no', params: { value: 'kanske' } },
        { row: 5, column: 'förnamn', code: 'empty', params: undefined },
      ]),
    );
    expect(preview.errors[0]?.message).toBe('"not-an-email" is not an e-mail address');
    expect(await state()).toEqual(before);
  });

  it('names a missing required column and an empty file', async () => {
    const missing = await service.preview(actor, input('people', 'förnamn;efternamn\nAnna;Berg'));
    expect(missing.errors.map((e) => [e.code, e.params?.field])).toEqual(
      expect.arrayContaining([
        ['column_missing', 'employee_id'],
        ['column_missing', 'unit_code'],
      ]),
    );
    expect(missing.errors[0]?.row).toBe(1);
    const empty = await service.preview(actor, input('people', ''));
    expect(empty.errors).toEqual([
      {
        row: null,
        column: null,
        code: 'empty_file',
        message: 'the file is empty: it has no header row and no data',
      },
    ]);
  });

  it('refuses a full import that would end more than 10 % of the staff unless confirmed', async () => {
    const current = await exportWorkforce();
    const truncated = toCsv(current.slice(0, Math.floor(current.length * 0.7)));
    const blocked = await service.apply(actor, input('people', truncated));
    expect(blocked.run).toBeNull();
    expect(blocked.preview.leaverGuard).toMatchObject({ blocked: true, active: current.length });
    const partial = await service.preview(actor, input('people', truncated, { mode: 'partial' }));
    expect(partial.counts.ended).toBe(0);
    const confirmed = await service.apply(
      actor,
      input('people', truncated, { confirmLeavers: true }),
    );
    expect(confirmed.run?.counts.ended).toBe(current.length - Math.floor(current.length * 0.7));
    await service.undoLatest(actor);
  });

  it('matches an elected official on e-mail so a person who is both is one person', async () => {
    const current = await exportWorkforce();
    const official = await database.db
      .selectFrom('people')
      .select(['id', 'email', 'first_name', 'last_name'])
      .where('tenant_id', '=', actor.tenantId)
      .where('employee_number', 'is', null)
      .executeTakeFirstOrThrow();
    const row = {
      employee_id: '900005',
      first_name: official.first_name,
      last_name: official.last_name,
      email: official.email ?? '',
      unit_code: current[0]?.unit_code ?? '',
      title: 'Lärare',
      is_manager: 'nej',
      start_date: DAY,
    };
    const { run } = await service.apply(actor, input('people', toCsv([...current, row])));
    expect(run?.counts.created).toBe(1);
    const merged = await database.db
      .selectFrom('people')
      .select(['id', 'employee_number'])
      .where('id', '=', official.id)
      .executeTakeFirstOrThrow();
    expect(merged.employee_number).toBe('900005');
    await service.undoLatest(actor);
    const restored = await database.db
      .selectFrom('people')
      .select('employee_number')
      .where('id', '=', official.id)
      .executeTakeFirstOrThrow();
    expect(restored.employee_number).toBeNull();
  });

  it('imports the roster of elected officials: seats, role changes, ended seats, one person for an employee', async () => {
    const seats = await database.db
      .selectFrom('seats as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .innerJoin('political_bodies as b', 'b.id', 's.body_id')
      .select([
        'p.official_number',
        'p.first_name',
        'p.last_name',
        'p.email',
        'b.code',
        's.role',
        's.term_start',
        's.term_end',
      ])
      .where('s.tenant_id', '=', actor.tenantId)
      .orderBy('p.official_number')
      .execute();
    const swedishRole = {
      member: 'Ledamot',
      substitute: 'Ersättare',
      chair: 'Ordförande',
      vice_chair: 'Vice ordförande',
    };
    const line = (s: (typeof seats)[number], role = swedishRole[s.role]) =>
      [
        s.official_number,
        s.first_name,
        s.last_name,
        s.email,
        s.code,
        role,
        s.term_start,
        s.term_end ?? '',
        'Partiet',
      ].join(';');
    const header = 'id;förnamn;efternamn;e-post;organ;roll;från;till;parti';
    const roster = [header, ...seats.map((s) => line(s))].join('\n');

    const first = await service.apply(actor, input('seats', roster));
    expect(first.preview.errors).toEqual([]);
    // Only the (sensitive) party differs from the seeded seats, and it is never shown.
    expect(first.preview.counts).toMatchObject({ created: 0, ended: 0, updated: seats.length });
    expect(JSON.stringify(first.preview)).not.toContain('Partiet');
    const detail = await service.changesOf(actor, first.run?.id ?? '');
    expect(JSON.stringify(detail)).not.toContain('Partiet');

    const before = await state();
    const employee = await database.db
      .selectFrom('people')
      .select(['id', 'first_name', 'last_name', 'email'])
      .where('employee_number', 'is not', null)
      .where('official_number', 'is', null)
      .executeTakeFirstOrThrow();
    const [promoted, dropped] = seats as [(typeof seats)[number], (typeof seats)[number]];
    const next = [
      header,
      line(promoted, 'Ordförande'),
      ...seats.slice(2).map((s) => line(s)),
      [
        'F900001',
        employee.first_name,
        employee.last_name,
        employee.email,
        'KFN',
        'Ersättare',
        '2023-01-01',
        '2026-12-31',
        '',
      ].join(';'),
    ].join('\n');
    const second = await service.apply(actor, input('seats', next));
    expect(second.preview.counts).toEqual({
      created: 1,
      updated: promoted.role === 'chair' ? 1 : 2,
      unchanged: seats.length - 2,
      ended: 1,
    });
    expect(second.preview.changes.find((c) => c.label === 'ended')?.key).toBe(
      dropped.official_number,
    );
    const merged = await database.db
      .selectFrom('people')
      .select('official_number')
      .where('id', '=', employee.id)
      .executeTakeFirstOrThrow();
    expect(merged.official_number).toBe('F900001');

    expect((await service.apply(actor, input('seats', next))).preview.counts).toMatchObject({
      created: 0,
      updated: 0,
      ended: 0,
    });
    await service.undoLatest(actor);
    await service.undoLatest(actor);
    expect(await state()).toEqual(before);
  });

  it('imports units with parents in the file, renames, and rejects cycles and unknown parents', async () => {
    const partial = (csv: string) => input('units', csv, { mode: 'partial' });
    const { preview, run } = await service.apply(
      actor,
      partial(
        'enhetskod;namn;överordnad;typ\nFOK;Fastighetskontoret;;förvaltning\nFOK-01;Lokalvård;FOK;avdelning\nFOK-01-001;Lokalvård Norr;FOK-01;enhet\nKFK;Kultur- och fritidsförvaltningen;KOMMUN;förvaltning',
      ),
    );
    expect(preview.errors).toEqual([]);
    expect(run?.counts).toMatchObject({ created: 3, updated: 1 });
    const unit = await database.db
      .selectFrom('org_units as u')
      .innerJoin('org_units as p', 'p.id', 'u.parent_id')
      .select(['u.name', 'p.code'])
      .where('u.code', '=', 'FOK-01-001')
      .executeTakeFirstOrThrow();
    expect(unit).toEqual({ name: 'Lokalvård Norr', code: 'FOK-01' });

    const bad = await service.preview(
      actor,
      partial('enhetskod;namn;överordnad\nA;A;B\nB;B;A\nC;C;NOPE'),
    );
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 2,
          column: 'överordnad',
          code: 'parent_cycle',
          params: { codes: 'A → B → A' },
        }),
        expect.objectContaining({
          row: 4,
          column: 'överordnad',
          code: 'parent_missing',
          params: { code: 'NOPE' },
        }),
      ]),
    );
    await service.undoLatest(actor);
    expect(
      await database.db
        .selectFrom('org_units')
        .select('id')
        .where('code', '=', 'FOK')
        .executeTakeFirst(),
    ).toBeUndefined();
  });
});
