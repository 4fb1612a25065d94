import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import type { ProgrammeFile } from '../../../contracts/programmes.ts';
import { ProgrammeFile as ProgrammeFileSchema } from '../../../contracts/programmes.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { seedDemo } from '../demo/seed.ts';
import { exampleProgrammes } from '../demo/programmes.ts';
import { createImportService } from '../imports/service.ts';
import { applyProgrammeFile } from './apply.ts';
import { importCompletions } from './completions-import.ts';
import { programmeProgress } from './progress.ts';
import { dataVersion, findProgrammeByCode, unitPaths } from './repository.ts';
import { syncAssignments } from './sync.ts';
import { personFacts } from '../../policies/repository.ts';

const DAY = '2026-11-23';
const CLI = { userId: null, label: 'test' };
const clock = () => new Date(`${DAY}T12:00:00Z`);

/** A small programme for the social office only, whose numbers the tests can count by hand. */
const SOCIAL: ProgrammeFile = ProgrammeFileSchema.parse({
  code: 'TEST-SOC',
  name: 'Socialkontorets test',
  topic: 'other',
  decision: { body: 'KS', date: '2026-01-10', reference: 'KS 2026/1' },
  period: { start: '2026-02-01', end: '2027-12-31' },
  status: 'active',
  courses: [{ code: 'TEST-WEBB', name: 'Webbkurs', kind: 'web_course' }],
  audience: { include: [{ roles: ['employee'], units: ['SOC'] }] },
  due: { kind: 'after_assignment', days: 60 },
  targets: [
    {
      code: 'HALF',
      name: 'Hälften',
      percent: 50,
      by: '2027-12-31',
      scope: { kind: 'overall' },
    },
  ],
});

describe.each(BACKENDS)('programmes on %s', (backend) => {
  let database: TestDatabase;
  let tenantId: TenantId;

  const openAssignments = async (code: string) =>
    database.db
      .selectFrom('assignments as a')
      .innerJoin('programmes as p', 'p.id', 'a.programme_id')
      .innerJoin('people as pe', 'pe.id', 'a.person_id')
      .select(['pe.employee_number', 'a.assigned_on', 'a.due_on', 'a.ended_on'])
      .where('p.code', '=', code)
      .where('a.ended_on', 'is', null)
      .execute();

  /** Active employees of the social office today, counted straight from the tables. */
  const socialStaff = async () => {
    const rows = await database.db
      .selectFrom('employments as e')
      .innerJoin('org_units as u', 'u.id', 'e.unit_id')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .select(['p.employee_number', 'u.code'])
      .where('e.end_date', 'is', null)
      .execute();
    return new Set(
      rows
        .filter((r) => r.code === 'SOC' || r.code.startsWith('SOC-'))
        .map((r) => r.employee_number),
    );
  };

  const progressOf = async (code: string, at = DAY) => {
    const programme = await findProgrammeByCode(database.db, tenantId, code);
    if (!programme) throw new Error(`no ${code}`);
    return programmeProgress(database.db, tenantId, programme, at);
  };

  beforeAll(async () => {
    database = await freshDatabase(backend);
    await seedDemo(database.db, { employees: 300, seed: 11, referenceDate: DAY });
    const tenant = await database.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
    tenantId = tenant.id as TenantId;
  });
  afterAll(async () => {
    await database.close();
  });

  it('seeds the five example programmes, the draft without assignments', async () => {
    const programmes = await database.db
      .selectFrom('programmes')
      .select(['code', 'status'])
      .orderBy('code')
      .execute();
    expect(programmes.map((p) => p.code)).toEqual(
      exampleProgrammes()
        .map((f) => f.code)
        .sort(),
    );
    expect(await openAssignments('FORTROENDEVALDA-TRYGGHET')).toEqual([]);
    expect((await openAssignments('VNR-2025')).length).toBeGreaterThan(300);
  });

  it('applies a programme file: assigns exactly the audience, with due dates', async () => {
    const result = await applyProgrammeFile(database.db, tenantId, SOCIAL, CLI, DAY);
    const staff = await socialStaff();
    expect(result).toMatchObject({ created: true, courses: 1, targets: 1 });
    expect(result.sync?.assigned).toBe(staff.size);
    const assigned = await openAssignments('TEST-SOC');
    expect(new Set(assigned.map((a) => a.employee_number))).toEqual(staff);
    for (const a of assigned) {
      expect(a.assigned_on >= '2026-02-01').toBe(true);
      const due = new Date(`${a.assigned_on}T12:00:00Z`);
      due.setUTCDate(due.getUTCDate() + 60);
      expect(a.due_on).toBe(due.toISOString().slice(0, 10));
    }
  });

  it('applying the same file again changes nothing; an edit updates by code', async () => {
    const again = await applyProgrammeFile(database.db, tenantId, SOCIAL, CLI, DAY);
    expect(again).toMatchObject({ created: false, sync: { assigned: 0, ended: 0 } });
    const renamed = await applyProgrammeFile(
      database.db,
      tenantId,
      { ...SOCIAL, name: 'Nytt namn' },
      CLI,
      DAY,
    );
    expect(renamed.id).toBe(again.id);
    const row = await findProgrammeByCode(database.db, tenantId, 'TEST-SOC');
    expect(row?.name).toBe('Nytt namn');
  });

  it('refuses unknown codes with the path of each, and applies nothing', async () => {
    const broken = {
      ...SOCIAL,
      code: 'BROKEN',
      decision: { ...SOCIAL.decision, body: 'NOPE' },
      courses: [{ ...SOCIAL.courses[0]!, code: 'HBTQ-WEBB' }],
      audience: {
        include: [{ ...SOCIAL.audience.include[0]!, units: ['SOC', 'XYZ'] }],
        exclude: [],
      },
    } satisfies ProgrammeFile;
    await expect(applyProgrammeFile(database.db, tenantId, broken, CLI, DAY)).rejects.toMatchObject(
      {
        code: 'validation_failed',
        details: expect.arrayContaining([
          expect.objectContaining({ path: 'decision.body' }),
          expect.objectContaining({ path: 'audience.include.0.units.1' }),
          expect.objectContaining({ path: 'courses.0.code' }),
        ]),
      },
    );
    expect(await findProgrammeByCode(database.db, tenantId, 'BROKEN')).toBeUndefined();
  });

  it('follows the people import: joiners assigned, movers and leavers ended', async () => {
    const staff = [...(await socialStaff())];
    const [mover, leaver] = staff;
    const rows = await database.db
      .selectFrom('employments as e')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .innerJoin('org_units as u', 'u.id', 'e.unit_id')
      .select(['p.employee_number', 'p.first_name', 'p.last_name', 'u.code', 'e.title'])
      .where('e.end_date', 'is', null)
      .where('p.employee_number', 'is not', null)
      .execute();
    const otherUnit = rows.find((r) => r.code.startsWith('BUK-'))?.code ?? 'BUK';
    const lines = rows
      .filter((r) => r.employee_number !== leaver)
      .map((r) =>
        [
          r.employee_number,
          r.first_name,
          r.last_name,
          r.employee_number === mover ? otherUnit : r.code,
          r.title,
        ].join(';'),
      );
    const socUnit = rows.find((r) => r.code.startsWith('SOC-'))?.code ?? 'SOC';
    lines.push(['900001', 'Ny', 'Socialsekreterare', socUnit, 'Socialsekreterare'].join(';'));
    const csv = ['anställningsnummer;förnamn;efternamn;enhetskod;befattning', ...lines].join('\n');
    const imports = createImportService(database.db, clock);
    const actor = { tenantId, userId: null, label: 'test' };
    const applyFile = () =>
      imports.apply(actor, {
        kind: 'people',
        fileName: 'hr.csv',
        source: Readable.from([csv]),
        mode: 'full',
        confirmLeavers: true,
        profile: {},
      });
    const { run } = await applyFile();
    expect(run).not.toBeNull();
    const assigned = new Set((await openAssignments('TEST-SOC')).map((a) => a.employee_number));
    expect(assigned.has('900001')).toBe(true);
    expect(assigned.has(mover ?? '')).toBe(false);
    expect(assigned.has(leaver ?? '')).toBe(false);
    expect(assigned).toEqual(await socialStaff());
    // Nothing more to do: the import (which re-evaluated only the people it changed) left the
    // assignments in line with the rules for everyone.
    const nothingLeft = async () => {
      const counts = await database.db
        .transaction()
        .execute((trx) => syncAssignments(trx, tenantId, DAY));
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.filter((c) => c.assigned || c.ended)).toEqual([]);
    };
    await nothingLeft();

    // Undone, the mover and the leaver are back in the audience and the joiner never existed.
    await imports.undoLatest(actor);
    const restored = new Set((await openAssignments('TEST-SOC')).map((a) => a.employee_number));
    expect(restored.has(mover ?? '')).toBe(true);
    expect(restored.has(leaver ?? '')).toBe(true);
    expect(restored.has('900001')).toBe(false);
    expect(restored).toEqual(await socialStaff());
    await nothingLeft();
    // Re-applied, so that the tests below see the file's organisation.
    expect((await applyFile()).run).not.toBeNull();
    await nothingLeft();
  });

  it('imports a provider list by row, idempotently, and the progress counts it', async () => {
    const staff = [...(await socialStaff())].sort();
    const take = staff.slice(0, 4);
    const csv = [
      'Anställningsnummer;E-post;Datum',
      ...take.map((id, i) => `${id};;2026-0${i + 6}-15`),
      '777777;;2026-09-01',
      ';ingen@example.se;2026-09-01',
    ].join('\n');
    const run = (text: string, dryRun = false) =>
      importCompletions(
        database.db,
        {
          tenantId,
          courseCode: 'TEST-WEBB',
          source: Readable.from([text]),
          fileName: 'lista.csv',
          dryRun,
          by: CLI,
        },
        clock,
      );
    const failed = await run(csv);
    expect(failed.applied).toBe(false);
    // Problems name the columns by the file's own headers.
    expect(failed.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [6, 'Anställningsnummer', 'no_match'],
      [7, 'E-post', 'no_match'],
    ]);
    const clean = csv.split('\n').slice(0, 5).join('\n');
    expect(await run(clean, true)).toMatchObject({ created: 4, applied: false });
    expect(await run(clean)).toMatchObject({ created: 4, unchanged: 0, applied: true });
    expect(await run(clean)).toMatchObject({ created: 0, unchanged: 4, applied: true });

    const progress = await progressOf('TEST-SOC');
    const target = progress.targets[0]!;
    expect(target.overall.eligible).toBe(staff.length);
    expect(target.overall.completed).toBe(4);
    expect(target.trend.find((p) => p.month === '2026-09')).toMatchObject({
      completed: 1,
      cumulative: 4,
    });
    // Before any of them had finished, nobody had.
    expect((await progressOf('TEST-SOC', '2026-05-31')).targets[0]?.overall.completed).toBe(0);
  });

  it("rolls up distinct people: each office's figure counted from the tables", async () => {
    const progress = await progressOf('HBTQ-2026');
    const perOffice = progress.targets.find((t) => t.code === 'PERSONAL-30')!;
    const offices = perOffice.nodes.filter((n) => n.targetNode);
    expect(offices.map((n) => n.level)).toEqual(offices.map(() => 'office'));
    const rows = await database.db
      .selectFrom('assignments as a')
      .innerJoin('programmes as p', 'p.id', 'a.programme_id')
      .innerJoin('employments as e', 'e.person_id', 'a.person_id')
      .innerJoin('org_units as u', 'u.id', 'e.unit_id')
      .select(['a.person_id', 'u.code'])
      .where('p.code', '=', 'HBTQ-2026')
      .where('a.ended_on', 'is', null)
      .where('e.end_date', 'is', null)
      .execute();
    for (const office of offices) {
      const people = new Set(
        rows
          .filter((r) => r.code === office.code || r.code.startsWith(`${office.code}-`))
          .map((r) => r.person_id),
      );
      expect(office.eligible).toBe(people.size);
      expect(office.percent).toBeLessThanOrEqual(100);
    }
    const committees = progress.targets.find((t) => t.code === 'POLITIKER-30')!;
    const seated = committees.nodes.filter((n) => n.targetNode);
    expect(seated.length).toBeGreaterThan(0);
    // Elected officials in two bodies count in each and once overall.
    const bodies = committees.nodes.filter((n) => n.kind === 'body');
    expect(committees.overall.eligible).toBeLessThan(
      bodies.reduce((sum, n) => sum + (n.eligible ?? 0), 0),
    );
    expect(committees.overall.eligible).toBeGreaterThanOrEqual(
      Math.max(...bodies.map((n) => n.eligible ?? 0)),
    );
  });

  it("gives each person's unit chains from just their units, as the whole tree gives them", async () => {
    const tree = await unitPaths(database.db, tenantId);
    const deepest = [...tree].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(deepest[1].length).toBeGreaterThan(2);
    const someone = await database.db
      .selectFrom('employments')
      .select(['person_id', 'unit_id'])
      .where('tenant_id', '=', tenantId)
      .where('end_date', 'is', null)
      .where('unit_id', '<>', deepest[0])
      .executeTakeFirstOrThrow();
    // A second employment in force (in the deepest unit) and one that has ended.
    const added = await database.db
      .insertInto('employments')
      .values([
        {
          tenant_id: tenantId,
          person_id: someone.person_id,
          unit_id: deepest[0],
          title: 'Samordnare',
          is_manager: false,
          start_date: '2026-01-01',
        },
        {
          tenant_id: tenantId,
          person_id: someone.person_id,
          unit_id: deepest[0],
          title: 'Samordnare',
          is_manager: false,
          start_date: '2025-01-01',
          end_date: '2025-12-31',
        },
      ])
      .returning('id')
      .execute();
    try {
      const employments = await database.db
        .selectFrom('employments')
        .select(['person_id', 'unit_id', 'start_date', 'end_date'])
        .where('tenant_id', '=', tenantId)
        .execute();
      const people = [...new Set(employments.map((e) => e.person_id))];
      const expected = new Map(people.map((id) => [id, [] as string[][]]));
      for (const e of employments)
        if (e.start_date <= DAY && (e.end_date === null || e.end_date >= DAY))
          expected.get(e.person_id)?.push(tree.get(e.unit_id) ?? []);
      const sorted = (paths: ReadonlyMap<string, readonly (readonly string[])[]>) =>
        [...paths].map(([id, chains]) => [id, chains.map((c) => c.join('/')).sort()]).sort();
      const found = new Map(
        [...(await personFacts(database.db, tenantId, people, DAY))].map(([id, facts]) => [
          id,
          facts.unitPaths,
        ]),
      );
      expect(sorted(found)).toEqual(sorted(expected));
      expect(found.get(someone.person_id)).toContainEqual(deepest[1]);
      expect(found.get(someone.person_id)).toHaveLength(2);
      expect(await personFacts(database.db, tenantId, [], DAY)).toEqual(new Map());
    } finally {
      await database.db
        .deleteFrom('employments')
        .where(
          'id',
          'in',
          added.map((row) => row.id),
        )
        .execute();
    }
  });

  it('moves the data version once per changing statement, not once per row', async () => {
    const before = await dataVersion(database.db, tenantId);
    const noChange = await applyProgrammeFile(database.db, tenantId, SOCIAL, CLI, DAY);
    expect(noChange.sync).toMatchObject({ assigned: 0, ended: 0 });
    const afterApply = await dataVersion(database.db, tenantId);
    expect(afterApply).toBeGreaterThan(before);
    // Ending every assignment of a programme is one statement: one step, whatever the rows.
    const open = await openAssignments('TEST-SOC');
    expect(open.length).toBeGreaterThan(5);
    await database.db
      .updateTable('assignments')
      .set({ end_reason: 'test' })
      .where('tenant_id', '=', tenantId)
      .where('ended_on', 'is', null)
      .execute();
    expect(await dataVersion(database.db, tenantId)).toBe(afterApply + 1);
  });

  it('refuses to remove a course that has completions', async () => {
    const withoutCourse = {
      ...SOCIAL,
      courses: [{ ...SOCIAL.courses[0]!, code: 'TEST-ANNAN' }],
    } satisfies ProgrammeFile;
    await expect(
      applyProgrammeFile(database.db, tenantId, withoutCourse, CLI, DAY),
    ).rejects.toMatchObject({ message: expect.stringContaining('TEST-WEBB') });
  });
});
