import { existsSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../src/server/db/connection.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { seedDemo } from '../src/server/features/demo/seed.ts';
import { buildApp } from '../src/server/app.ts';
import { stockholmDate } from '../src/domain/dates.ts';
import { DEMO_PASSWORD } from '../src/server/features/demo/generator.ts';
import { refreshStatistics } from '../src/server/db/statistics.ts';

const dir = '/tmp/scratch/pgl56';
const fresh = !existsSync(dir);
const times = new Map<string, { n: number; ms: number }>();
let on = false;
const orig = PGlite.prototype.query;
PGlite.prototype.query = async function (this: PGlite, sql: string, params?: unknown[], opts?: unknown) {
  const t = performance.now();
  try { return await (orig as any).call(this, sql, params, opts); } finally {
    if (on) { const k = sql.replace(/\s+/g, ' ').slice(0, 140); const e = times.get(k) ?? { n: 0, ms: 0 }; e.n++; e.ms += performance.now() - t; times.set(k, e); }
  }
} as any;
const handle = await openDatabase({ dataDir: dir });
await migrate(handle.db);
const today = stockholmDate(new Date());
if (fresh) { await seedDemo(handle.db, { employees: 56000, seed: 20261123, referenceDate: today }); }
await refreshStatistics(handle.db);
const app = await buildApp(handle.db, { publicUrl: 'http://127.0.0.1', trustProxy: false, sessionIdleMinutes: 30, sessionAbsoluteHours: 12, webDir: null });
const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'strateg', password: DEMO_PASSWORD } });
const c = r.cookies[0]!; const cookie = `${c.name}=${c.value}`;
const db = handle.db;
const programme = await db.selectFrom('programmes').select('id').where('code', '=', 'VNR-2025').executeTakeFirstOrThrow();
const course = await db.selectFrom('courses').select('id').where('code', '=', 'GRUPPSAMTAL-VALD').executeTakeFirstOrThrow();
const tenant = await db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
const trainer = await db.selectFrom('trainer_units').select('person_id').where('programme_id', '=', programme.id).orderBy('person_id').executeTakeFirstOrThrow();
const people = await db.selectFrom('assignments').select('person_id').where('programme_id', '=', programme.id).where('ended_on', 'is', null).where('person_id', '<>', trainer.person_id).orderBy('person_id').limit(300).execute();
const startsAt = new Date(Date.now() + (100 + Math.floor(Math.random() * 500)) * 86400000);
const s = await db.insertInto('training_sessions').values({ tenant_id: tenant.id, programme_id: programme.id, course_id: course.id, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 7200000), place: 'X', capacity: 100, cancel_cutoff_hours: 24 }).returning('id').executeTakeFirstOrThrow();
await db.insertInto('session_trainers').values({ tenant_id: tenant.id, session_id: s.id, person_id: trainer.person_id }).execute();
on = true;
const t0 = performance.now();
const lat: number[] = [];
for (const p of people.slice(0, 200)) {
  const t = performance.now();
  const res = await app.inject({ method: 'POST', url: `/api/sessions/${s.id}/bookings`, headers: { cookie, 'content-type': 'application/json' }, payload: { personId: p.person_id } });
  if (res.statusCode !== 200) console.log(res.statusCode, res.body.slice(0, 200));
  lat.push(performance.now() - t);
}
console.log('total', Math.round(performance.now() - t0), 'first', lat.slice(0, 3).map(Math.round), 'last', lat.slice(-3).map(Math.round));
const sorted = [...times.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
for (const [k, v] of sorted) console.log(v.n, Math.round(v.ms), k);
await app.close();
await handle.close();
