import { addDays, stockholmInstant } from '../../../domain/dates.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { insertInBatches } from '../../db/batch.ts';
import type { Tx } from '../../db/transaction.ts';

/**
 * The train-the-trainer cascade of the violence programme, as the strategist would see it a
 * year in: trained trainers in four of the five offices (building and environment still has
 * none), upcoming group sessions (one full with a queue) and a held one with its attendance.
 * The demo trainer (`utbildare`) serves the social office; the demo employee's office has a
 * session they can book. Deterministic: chosen by ordered ids, dated from the reference date.
 */
export async function seedDemoSessions(
  trx: Tx,
  tenantId: TenantId,
  referenceDate: string,
  demoPersonIds: ReadonlySet<string>,
  trainerPersonId: string | null,
) {
  const programme = await trx
    .selectFrom('programmes')
    .select(['id', 'period_start'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', 'VNR-2025')
    .executeTakeFirst();
  const courses = await trx
    .selectFrom('courses')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('code', 'in', ['UTBILDARE-VALD', 'GRUPPSAMTAL-VALD'])
    .execute();
  const trainerCourse = courses.find((c) => c.code === 'UTBILDARE-VALD');
  const groupCourse = courses.find((c) => c.code === 'GRUPPSAMTAL-VALD');
  if (!programme || !trainerCourse || !groupCourse) return;

  const offices = await trx
    .selectFrom('org_units')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'office')
    .orderBy('code')
    .execute();
  const officeId = (code: string) => offices.find((o) => o.code === code)?.id ?? null;
  /** The people of an office (through the units below it), in id order. */
  const peopleOf = async (code: string) => {
    const root = officeId(code);
    if (!root) return [];
    const rows = await trx
      .withRecursive('sub(id)', (db) =>
        db
          .selectFrom('org_units')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', root)
          .unionAll(
            db
              .selectFrom('org_units as u')
              .innerJoin('sub', 'sub.id', 'u.parent_id')
              .select('u.id'),
          ),
      )
      .selectFrom('employments as e')
      .innerJoin('sub', 'sub.id', 'e.unit_id')
      .innerJoin('people as p', 'p.id', 'e.person_id')
      .select(['e.person_id', 'p.employee_number'])
      .distinct()
      .where('e.tenant_id', '=', tenantId)
      .where('e.end_date', 'is', null)
      // By employee number, not the random ids: the same seed, the same trainers.
      .orderBy('p.employee_number')
      .execute();
    return rows.map((r) => r.person_id).filter((id) => !demoPersonIds.has(id));
  };

  // Trainers: the demo trainer for the social office, one colleague in three more offices.
  const trainedOn = addDays(programme.period_start, 30);
  const trainers: { personId: string; office: string }[] = [];
  if (trainerPersonId && officeId('SOC'))
    trainers.push({ personId: trainerPersonId, office: 'SOC' });
  for (const office of ['BUK', 'KFK', 'KSK']) {
    const first = (await peopleOf(office))[0];
    if (first) trainers.push({ personId: first, office });
  }
  await insertInBatches(
    trx,
    'completions',
    trainers.map((t) => ({
      tenant_id: tenantId,
      person_id: t.personId,
      course_id: trainerCourse.id,
      completed_on: trainedOn,
      source: 'session' as const,
      source_detail: 'Utbildarutbildning med strategen',
      status: 'accepted' as const,
      recorded_by_label: 'demo',
    })),
  );
  await insertInBatches(
    trx,
    'trainer_units',
    trainers.map((t) => ({
      tenant_id: tenantId,
      programme_id: programme.id,
      person_id: t.personId,
      unit_id: officeId(t.office) ?? '',
    })),
  );

  const done = new Set(
    (
      await trx
        .selectFrom('completions')
        .select('person_id')
        .where('tenant_id', '=', tenantId)
        .where('course_id', '=', groupCourse.id)
        .execute()
    ).map((r) => r.person_id),
  );
  const notDone = async (office: string) =>
    (await peopleOf(office)).filter(
      (id) => !done.has(id) && !trainers.some((t) => t.personId === id),
    );

  const session = async (
    trainer: { personId: string; office: string },
    day: number,
    capacity: number,
    place: string,
  ) => {
    const date = addDays(referenceDate, day);
    const row = await trx
      .insertInto('training_sessions')
      .values({
        tenant_id: tenantId,
        programme_id: programme.id,
        course_id: groupCourse.id,
        starts_at: stockholmInstant(`${date}T09:00`),
        ends_at: stockholmInstant(`${date}T11:30`),
        place,
        capacity,
        cancel_cutoff_hours: 24,
        note: 'Gå igenom Webbkurs om våld före träffen.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('session_trainers')
      .values({ tenant_id: tenantId, session_id: row.id, person_id: trainer.personId })
      .execute();
    const unit = officeId(trainer.office);
    if (unit)
      await trx
        .insertInto('session_units')
        .values({ tenant_id: tenantId, session_id: row.id, unit_id: unit })
        .execute();
    return row.id;
  };
  const book = (sessionId: string, people: string[], status: 'booked' | 'waiting') =>
    insertInBatches(
      trx,
      'bookings',
      people.map((personId, i) => ({
        tenant_id: tenantId,
        session_id: sessionId,
        person_id: personId,
        status,
        booked_by_label: 'demo',
        booked_at: new Date(Date.parse(`${referenceDate}T08:00:00Z`) - (100 - i) * 60_000),
      })),
    );

  const social = trainers.find((t) => t.office === 'SOC');
  if (social) {
    const candidates = await notDone('SOC');
    // Held two weeks ago: eight present (their completions), two absent.
    const held = await session(social, -14, 12, 'Socialkontoret, konferensrum Eken');
    const attended = candidates.slice(0, 10);
    await book(held, attended, 'booked');
    for (const [i, personId] of attended.entries()) {
      const present = i < 8;
      const completion = present
        ? await trx
            .insertInto('completions')
            .values({
              tenant_id: tenantId,
              person_id: personId,
              course_id: groupCourse.id,
              completed_on: addDays(referenceDate, -14),
              source: 'session',
              source_detail: `Gruppsamtal om våld i nära relationer, ${addDays(referenceDate, -14)}`,
              status: 'accepted',
              recorded_by_label: 'demo',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        : null;
      await trx
        .updateTable('bookings')
        .set({
          attendance: present ? 'present' : 'absent',
          attendance_by_label: 'demo',
          attendance_at: new Date(),
          completion_id: completion?.id ?? null,
        })
        .where('session_id', '=', held)
        .where('person_id', '=', personId)
        .execute();
    }
    // Next week: full, two in the queue. In three weeks: seats left.
    const full = await session(social, 7, 12, 'Socialkontoret, konferensrum Eken');
    await book(full, candidates.slice(10, 22), 'booked');
    await book(full, candidates.slice(22, 24), 'waiting');
    const later = await session(social, 21, 15, 'Socialkontoret, konferensrum Björken');
    await book(later, candidates.slice(24, 28), 'booked');
  }
  const culture = trainers.find((t) => t.office === 'KFK');
  if (culture) {
    const open = await session(culture, 10, 15, 'Stadsbiblioteket, hörsalen');
    await book(open, (await notDone('KFK')).slice(0, 5), 'booked');
  }
}
