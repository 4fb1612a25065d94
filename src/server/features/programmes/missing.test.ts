import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../../test/helpers/app.ts';
import { BACKENDS } from '../../../../test/helpers/db.ts';
import type {
  MissingList,
  ProgrammeList,
  ProgrammePeople,
  ProgrammeProgress,
} from '../../../contracts/programmes.ts';

describe.each(BACKENDS)('who is missing on %s', (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  const cookies = new Map<string, string>();
  const call = async (username: string, url: string) => {
    if (!cookies.has(username)) cookies.set(username, await t.login(username));
    return t.app.inject({ url, headers: { cookie: cookies.get(username) ?? '' } });
  };
  const list = async (username: string, query = '') => {
    const response = await call(username, `/api/programmes/${vnr}/missing?limit=500${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<MissingList>();
  };
  let vnr = '';

  beforeAll(async () => {
    t = await seededApp(backend);
    const programmes = (await call('strateg', '/api/programmes')).json<ProgrammeList>();
    vnr = programmes.programmes.find((p) => p.code === 'VNR-2025')?.id ?? '';
  });
  afterAll(async () => {
    await t.close();
  });

  it('agrees with the dashboard: everyone assigned, and done who has every course the target asks', async () => {
    const whole = await list('strateg');
    const progress = (
      await call('strateg', `/api/programmes/${vnr}/progress`)
    ).json<ProgrammeProgress>();
    const everyCourse = progress.targets.find(
      (target) => target.courses.length === whole.courses.length && target.scope === 'overall',
    );
    expect(everyCourse).toBeDefined();
    const sum = Object.values(whole.counts).reduce((a, b) => a + b, 0);
    expect(sum).toBe(whole.total);
    expect(whole.total - whole.counts.exempt).toBe(everyCourse?.overall.eligible);
    expect(whole.counts.done).toBe(everyCourse?.overall.completed);
    expect(whole.counts.done).toBeGreaterThan(0);
    // Every person once.
    const all: string[] = [];
    for (let offset = 0; offset < whole.total; offset += 500)
      all.push(...(await list('strateg', `&offset=${offset}`)).people.map((p) => p.id));
    expect(new Set(all).size).toBe(whole.total);
  });

  it("gives a manager their own units only, the same people as the unit's list", async () => {
    const mine = await list('chef');
    const unit = (await call('chef', `/api/programmes/${vnr}/people`)).json<ProgrammePeople>();
    expect(mine.people.map((p) => p.id).sort()).toEqual(unit.people.map((p) => p.id).sort());
    expect(mine.counts.done).toBe(unit.people.filter((p) => p.done).length);
    const other = await t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', 'SOC')
      .executeTakeFirstOrThrow();
    expect((await call('chef', `/api/programmes/${vnr}/missing?node=${other.id}`)).statusCode).toBe(
      404,
    );
    expect((await call('utbildare', `/api/programmes/${vnr}/missing`)).statusCode).toBe(403);
    expect((await call('anstalld', `/api/programmes/${vnr}/missing`)).statusCode).toBe(404);
  });

  it('filters by status and by name or employee number, counting every status before the status filter', async () => {
    const whole = await list('strateg');
    const done = await list('strateg', '&status=done');
    expect(done.total).toBe(whole.counts.done);
    expect(done.people.every((p) => p.status === 'done')).toBe(true);
    expect(done.people.every((p) => p.courses.every((c) => c.state === 'done' && c.date))).toBe(
      true,
    );
    const someone = whole.people.find((p) => p.employeeNumber);
    const found = await list('strateg', `&q=${someone?.employeeNumber ?? ''}`);
    expect(found.people.map((p) => p.id)).toEqual([someone?.id]);
  });

  it('shows a booked session as booked, with its date', async () => {
    const booking = await sql<{ person_id: string; employee_number: string; day: string }>`
      SELECT b.person_id, p.employee_number,
        to_char(s.starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS day
      FROM bookings b
      JOIN training_sessions s ON s.id = b.session_id
      JOIN people p ON p.id = b.person_id
      WHERE b.status = 'booked' AND s.starts_at > now() AND s.programme_id = ${vnr}
      ORDER BY s.starts_at LIMIT 1`.execute(t.db);
    const row = booking.rows[0];
    expect(row).toBeDefined();
    const found = await list('strateg', `&q=${row?.employee_number ?? ''}`);
    const person = found.people[0];
    expect(person?.courses.some((c) => c.state === 'booked' && c.date === row?.day)).toBe(true);
    expect(['booked', 'overdue']).toContain(person?.status);
  });

  it('exports the list as CSV and as XLSX with a frozen, filterable header and real dates', async () => {
    const whole = await list('strateg', '&status=assigned');
    const csv = await call(
      'strateg',
      `/api/programmes/${vnr}/missing/export?format=csv&status=assigned`,
    );
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    // A byte order mark first, so Excel reads UTF-8.
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toMatch(/^\uFEFF?Förvaltning;Överordnad enhet;Enhet eller organ;Efternamn/);
    expect(lines.length).toBe(whole.total + 1);
    const english = await call(
      'strateg',
      `/api/programmes/${vnr}/missing/export?format=csv&lang=en`,
    );
    expect(english.body).toContain('Office;Parent unit;Unit or body;Last name');

    const xlsx = await call('strateg', `/api/programmes/${vnr}/missing/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.autoFilter).toBeTruthy();
    expect(sheet?.rowCount).toBe(
      Object.values((await list('strateg')).counts).reduce((a, b) => a + b, 0) + 1,
    );
    expect(sheet?.getRow(2).getCell(7).value).toBeInstanceOf(Date);
  });
});
