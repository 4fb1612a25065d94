import { DEMO_PASSWORD } from '../../src/server/features/demo/generator.ts';
import type { App } from '../../src/server/http/route-types.ts';
import type { BenchContext } from '../context.ts';
import { loadRun, measure, percentile, type Measurement } from '../measure.ts';
import type { ServerProcess } from '../server.ts';

/** Seats per session and sessions in the booking rush: twice as many requests as seats. */
const CAPACITY = 100;
const SESSIONS = 10;
const DAY_MS = 24 * 3_600_000;

/**
 * Scenario 7, part one (in the bench's process): the trainers' coverage and the session
 * planning of the violence programme, as its owner opens them; and ten sessions, far ahead,
 * for the booking rush.
 */
export async function sessionsSetup(context: BenchContext, app: App, ownerCookie: string) {
  const { db, tenantId } = context;
  const programme = await db
    .selectFrom('programmes')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', 'VNR-2025')
    .executeTakeFirstOrThrow();
  const get = (url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: ownerCookie } }).then((response) => {
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
      return response;
    });
  const options = { runs: context.options.runs, warmup: context.options.warmup };
  const measurements: Measurement[] = [
    await measure(
      '7 sessions',
      'trainers and coverage of a programme (top level)',
      () => get(`/api/programmes/${programme.id}/trainers`),
      options,
    ),
    await measure(
      '7 sessions',
      'session planning, every target (top level)',
      () => get(`/api/programmes/${programme.id}/planning`),
      options,
    ),
  ];

  const course = await db
    .selectFrom('courses')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', 'GRUPPSAMTAL-VALD')
    .executeTakeFirstOrThrow();
  const trainer = await db
    .selectFrom('trainer_units')
    .select('person_id')
    .where('tenant_id', '=', tenantId)
    .where('programme_id', '=', programme.id)
    .orderBy('person_id')
    .executeTakeFirstOrThrow();
  const people = await db
    .selectFrom('assignments')
    .select('person_id')
    .where('tenant_id', '=', tenantId)
    .where('programme_id', '=', programme.id)
    .where('ended_on', 'is', null)
    .where('person_id', '<>', trainer.person_id)
    .orderBy('person_id')
    .limit(CAPACITY * SESSIONS * 2)
    .execute();
  const sessionIds: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const startsAt = new Date(Date.now() + (90 + i) * DAY_MS);
    const row = await db
      .insertInto('training_sessions')
      .values({
        tenant_id: tenantId,
        programme_id: programme.id,
        course_id: course.id,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 2 * 3_600_000),
        place: 'Bench',
        capacity: CAPACITY,
        cancel_cutoff_hours: 24,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('session_trainers')
      .values({ tenant_id: tenantId, session_id: row.id, person_id: trainer.person_id })
      .execute();
    sessionIds.push(row.id);
  }
  return {
    measurements,
    rush: { sessionIds, people: people.map((p) => p.person_id) },
  };
}

/**
 * Part two (against the server process): 200 clients book twice as many people as there are
 * seats onto ten sessions as fast as they can, as the programme's owner. Afterwards no session
 * may hold more than its capacity, and every booking must be either a seat or a queue place.
 */
export async function bookingRush(
  server: ServerProcess,
  connections: number,
  rush: { sessionIds: string[]; people: string[] },
) {
  const cookie = await server.login('strateg', DEMO_PASSWORD);
  let next = 0;
  const { result, latencies, errors } = await loadRun({
    url: server.url,
    connections,
    amount: rush.people.length,
    headers: { cookie, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const i = next++;
          return {
            ...request,
            path: `/api/sessions/${rush.sessionIds[i % rush.sessionIds.length] ?? ''}/bookings`,
            body: JSON.stringify({ personId: rush.people[i % rush.people.length] }),
          };
        },
      },
    ],
  });
  let booked = 0;
  let waiting = 0;
  const overbooked: string[] = [];
  for (const id of rush.sessionIds) {
    const response = await fetch(`${server.url}/api/sessions/${id}`, { headers: { cookie } });
    const session = (await response.json()) as {
      booked: number;
      waiting: number;
      capacity: number;
    };
    booked += session.booked;
    waiting += session.waiting;
    if (session.booked > session.capacity) overbooked.push(id);
  }
  const measurement: Measurement = {
    scenario: '7 sessions',
    name: `${connections} clients booking ${rush.people.length.toLocaleString('en')} people onto ${rush.sessionIds.length} sessions`,
    runs: [],
    median: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    peakRssMb: server.peakRssMb() ?? 0,
    note: `${booked} seats, ${waiting} in queues, ${overbooked.length} overbooked, ${errors} errors (${result.timeouts} time-outs, ${result.non2xx} refused)`,
  };
  return {
    measurement,
    check: { requests: rush.people.length, booked, waiting, overbooked, errors },
  };
}
