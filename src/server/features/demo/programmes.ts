import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ProgrammeFile } from '../../../contracts/programmes.ts';
import { addDays } from '../../../domain/dates.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { monthsBetween } from '../../../domain/progress.ts';
import { insertInBatches } from '../../db/batch.ts';
import type { Tx } from '../../db/transaction.ts';
import { applyProgrammeFile, peopleFacts } from '../programmes/public.ts';
import { createRandom } from './random.ts';

/** The five real cases, shipped as programme files: the demo applies exactly these. */
const EXAMPLES_DIR = fileURLToPath(new URL('../../../../docs/examples/', import.meta.url));

export function exampleProgrammes(): ProgrammeFile[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.json') && !file.endsWith('.schema.json'))
    .sort()
    .map((file) => ProgrammeFile.parse(JSON.parse(readFileSync(EXAMPLES_DIR + file, 'utf8'))));
}

/**
 * How far each course has come by the reference date: the share of the audience, by office for
 * staff (some offices ahead, some behind) and for elected officials; a later level's share is
 * of those who completed the level before it. Believable, not uniform.
 */
const HISTORY: Record<string, { share: number; byOffice?: Record<string, number> }> = {
  'WEBBKURS-VALD': { share: 0.17, byOffice: { SOC: 0.24, BUK: 0.12 } },
  'GRUPPSAMTAL-VALD': { share: 0.85 },
  'HBTQ-WEBB': {
    share: 0.24,
    byOffice: { SOC: 0.33, BUK: 0.21, KSK: 0.38, BMK: 0.17, KFK: 0.29 },
  },
  'HOT-KURS': { share: 0.3, byOffice: { SOC: 0.4, KFK: 0.18 } },
  'HOT-OVNING': { share: 0.35 },
  'LIKA-1': { share: 0.3, byOffice: { KSK: 0.6, BUK: 0.22 } },
  'LIKA-2': { share: 0.35 },
  'LIKA-3': { share: 0.3 },
  'LIKA-4': { share: 0.2 },
};

const SOURCE = {
  web_course: { source: 'import', detail: 'Leverantörens deltagarlista' },
  session: { source: 'manual', detail: 'Närvarolista från utbildaren' },
  e_learning: { source: 'self_report', detail: null },
  drill: { source: 'manual', detail: 'Övningsprotokoll' },
} as const;

/** A tiny but well-formed PDF: the demo's certificates awaiting approval. */
const CERTIFICATE = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * Applies the example programmes to the demo municipality and gives them a history: completions
 * spread over the months since each programme began, faster lately, and a few certificates
 * waiting for a manager's approval in the demo manager's unit. Deterministic for a seed.
 */
export async function seedDemoProgrammes(
  trx: Tx,
  tenantId: TenantId,
  referenceDate: string,
  seed: number,
  demoPersonIds: ReadonlySet<string>,
  managerUnitId: string | null,
) {
  const random = createRandom(seed ^ 0x5eed);
  const files = exampleProgrammes();
  for (const file of files)
    await applyProgrammeFile(trx, tenantId, file, { userId: null, label: 'demo' }, referenceDate);

  const facts = await peopleFacts(trx, tenantId, referenceDate);
  const officeOf = (personId: string) => {
    const path = facts.get(personId)?.employments[0]?.unitPath;
    return path && path.length >= 2 ? path[path.length - 2] : null;
  };
  const [assignments, units, courses] = await Promise.all([
    trx
      .selectFrom('assignments')
      .innerJoin('programmes', 'programmes.id', 'assignments.programme_id')
      .innerJoin('people', 'people.id', 'assignments.person_id')
      .select(['assignments.person_id', 'assignments.assigned_on', 'programmes.code'])
      .where('assignments.tenant_id', '=', tenantId)
      .where('assignments.ended_on', 'is', null)
      // By the people's own numbers, not their random ids: the same seed, the same history.
      .orderBy('people.employee_number')
      .orderBy('people.official_number')
      .execute(),
    trx.selectFrom('org_units').select(['id', 'code']).where('tenant_id', '=', tenantId).execute(),
    trx
      .selectFrom('courses')
      .select(['id', 'code', 'kind'])
      .where('tenant_id', '=', tenantId)
      .execute(),
  ]);
  const unitCode = new Map(units.map((u) => [u.id, u.code]));
  const courseByCode = new Map(courses.map((c) => [c.code, c]));

  const rows: {
    tenant_id: string;
    person_id: string;
    course_id: string;
    completed_on: string;
    source: 'import' | 'manual' | 'self_report';
    source_detail: string | null;
    status: 'accepted';
    recorded_by_label: string;
  }[] = [];
  const byProgramme = new Map<string, { personId: string; assignedOn: string }[]>();
  for (const a of assignments) {
    const list = byProgramme.get(a.code) ?? [];
    list.push({ personId: a.person_id, assignedOn: a.assigned_on });
    byProgramme.set(a.code, list);
  }
  const end = addDays(referenceDate, -1);
  for (const file of files) {
    if (file.status !== 'active') continue;
    for (const person of byProgramme.get(file.code) ?? []) {
      if (demoPersonIds.has(person.personId)) continue;
      const office = unitCode.get(officeOf(person.personId) ?? '') ?? null;
      let previous: string | null = null;
      for (const course of file.courses) {
        const history = HISTORY[course.code];
        const stored = courseByCode.get(course.code);
        if (!history || !stored) break;
        const share = (office ? history.byOffice?.[office] : undefined) ?? history.share;
        if (!random.chance(share)) break;
        const from =
          previous ??
          (person.assignedOn > file.period.start ? person.assignedOn : file.period.start);
        const span = Math.max(0, Math.round(monthsBetween(from, end) * 30.44));
        if (span <= 0) break;
        // Denser towards the reference date: the pace picks up as a programme gets going.
        const completedOn = addDays(from, Math.round(Math.sqrt(random.next()) * span));
        const source = SOURCE[stored.kind];
        rows.push({
          tenant_id: tenantId,
          person_id: person.personId,
          course_id: stored.id,
          completed_on: completedOn,
          source: source.source,
          source_detail: source.detail,
          status: 'accepted',
          recorded_by_label: 'demo',
        });
        previous = completedOn;
      }
    }
  }
  await insertInBatches(trx, 'completions', rows);
  await seedPendingCertificates(trx, tenantId, referenceDate, demoPersonIds, managerUnitId);
}

/** Three colleagues of the demo manager have reported the violence web course, awaiting approval. */
async function seedPendingCertificates(
  trx: Tx,
  tenantId: TenantId,
  referenceDate: string,
  demoPersonIds: ReadonlySet<string>,
  managerUnitId: string | null,
) {
  const course = await trx
    .selectFrom('courses')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', 'WEBBKURS-VALD')
    .executeTakeFirst();
  if (!course || !managerUnitId) return;
  const colleagues = await trx
    .selectFrom('employments')
    .innerJoin('people', 'people.id', 'employments.person_id')
    .select('employments.person_id')
    .where('employments.tenant_id', '=', tenantId)
    .where('employments.unit_id', '=', managerUnitId)
    .where('employments.end_date', 'is', null)
    .where('employments.is_manager', '=', false)
    .orderBy('people.employee_number')
    .execute();
  const reporters = colleagues.filter((c) => !demoPersonIds.has(c.person_id)).slice(0, 3);
  for (const [i, { person_id }] of reporters.entries()) {
    const file = await trx
      .insertInto('evidence_files')
      .values({
        tenant_id: tenantId,
        person_id,
        file_name: 'intyg-webbkurs-om-vald.pdf',
        content_type: 'application/pdf',
        size_bytes: CERTIFICATE.length,
        sha256: createHash('sha256').update(CERTIFICATE).digest('hex'),
        content: CERTIFICATE,
        uploaded_by_label: 'demo',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('completions')
      .values({
        tenant_id: tenantId,
        person_id,
        course_id: course.id,
        completed_on: addDays(referenceDate, -(i + 2)),
        source: 'self_report',
        status: 'pending',
        evidence_file_id: file.id,
        recorded_by_label: 'demo',
      })
      .execute();
  }
}
