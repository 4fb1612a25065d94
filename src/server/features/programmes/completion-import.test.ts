import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, employeesOf, listOwner } from '../../../../test/helpers/accounts.ts';
import { seededApp } from '../../../../test/helpers/app.ts';
import { BACKENDS } from '../../../../test/helpers/db.ts';
import type { CompletionImportResult, ProgrammeList } from '../../../contracts/programmes.ts';

describe.each(BACKENDS)("a provider's completions imported in the web on %s", (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  let vnr = '';
  const numbers = new Map<string, string>();
  const send = (cookie: string, csv: string, query: string, programme = vnr) =>
    t.app.inject({
      method: 'POST',
      url: `/api/programmes/${programme}/completions/import?course=WEBBKURS-VALD&fileName=lista.csv&${query}`,
      headers: { cookie, 'content-type': 'text/csv' },
      payload: csv,
    });
  const completionsOf = async (personId: string) =>
    t.db
      .selectFrom('completions as c')
      .innerJoin('courses as co', 'co.id', 'c.course_id')
      .select(['c.completed_on', 'c.recorded_by_label', 'c.source'])
      .where('c.person_id', '=', personId)
      .where('co.code', '=', 'WEBBKURS-VALD')
      .execute();

  beforeAll(async () => {
    t = await seededApp(backend);
    const list = (
      await t.app.inject({ url: '/api/programmes', headers: { cookie: await t.login('strateg') } })
    ).json<ProgrammeList>();
    vnr = list.programmes.find((p) => p.code === 'VNR-2025')?.id ?? '';
    const people = await t.db
      .selectFrom('people')
      .select(['id', 'employee_number'])
      .where('employee_number', 'is not', null)
      .execute();
    for (const p of people) numbers.set(p.id, p.employee_number ?? '');
  });
  afterAll(() => t.close());

  it('previews without writing, then applies once, and the same list again adds nothing', async () => {
    const strategist = await t.login('strateg');
    const fresh: string[] = [];
    for (const id of await employeesOf(t, 'SOC'))
      if (fresh.length < 2 && (await completionsOf(id)).length === 0) fresh.push(id);
    const [a, b] = fresh;
    const csv = `Anställningsnummer;Datum\n${numbers.get(a!)};2026-10-01\n${numbers.get(b!)};2026-10-02\n`;
    const before = await completionsOf(a!);
    const preview = await send(strategist, csv, 'dryRun=true');
    expect(preview.statusCode, preview.body).toBe(200);
    const planned = preview.json<CompletionImportResult>();
    expect(planned).toMatchObject({ created: 2, errorTotal: 0, applied: false });
    expect(planned.sample.map((s) => [s.row, s.personId, s.completedOn])).toEqual([
      [2, a, '2026-10-01'],
      [3, b, '2026-10-02'],
    ]);
    expect(planned.sample[0]?.name).toBeTruthy();
    expect(await completionsOf(a!)).toEqual(before);

    const applied = (await send(strategist, csv, 'dryRun=false')).json<CompletionImportResult>();
    expect(applied).toMatchObject({ created: 2, applied: true });
    expect(await completionsOf(a!)).toContainEqual(
      expect.objectContaining({ completed_on: '2026-10-01', source: 'import' }),
    );
    const again = (await send(strategist, csv, 'dryRun=false')).json<CompletionImportResult>();
    expect(again).toMatchObject({ created: 0, unchanged: 2 });
  });

  it("matches a scoped owner's rows only to people they reach, and never their own", async () => {
    const social = await employeesOf(t, 'SOC');
    const own = social[5]!;
    const inside = social[6]!;
    const outside = (await employeesOf(t, 'KFK'))[0]!;
    const owner = await addAccount(t, {
      username: 'agare-soc',
      role: 'programme_owner',
      scopeUnitCode: 'SOC',
      personId: own,
    });
    await listOwner(t, 'VNR-2025', 'agare-soc');
    const before = await completionsOf(inside);
    const csv = `Anställningsnummer;Datum\n${numbers.get(inside)};2026-10-01\n${numbers.get(outside)};2026-10-01\n${numbers.get(own)};2026-10-01\n999999;2026-10-01\n`;
    const result = (await send(owner, csv, 'dryRun=false')).json<CompletionImportResult>();
    expect(result.applied).toBe(false);
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'no_match'],
      [4, 'own_training'],
      [5, 'no_match'],
    ]);
    // Someone outside the reach reads exactly like a number that does not exist.
    expect(result.errors[0]?.message.replace(numbers.get(outside) ?? '', 'X')).toBe(
      result.errors[2]?.message.replace('999999', 'X'),
    );
    // A file with any problem applies nothing.
    expect(await completionsOf(inside)).toEqual(before);
  });

  it('refuses a course of another programme, and those who do not own the programme', async () => {
    const strategist = await t.login('strateg');
    const hbtq = (await t.app.inject({ url: '/api/programmes', headers: { cookie: strategist } }))
      .json<ProgrammeList>()
      .programmes.find((p) => p.code === 'HBTQ-2026')?.id;
    const other = await send(strategist, 'Anställningsnummer;Datum\n', 'dryRun=true', hbtq);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({
      error: { code: 'not_found', params: { thing: 'course' } },
    });
    expect((await send(await t.login('chef'), 'x', 'dryRun=true')).statusCode).toBe(403);
    expect((await send(await t.login('anstalld'), 'x', 'dryRun=true')).statusCode).toBe(404);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/programmes/${vnr}/completions/import?course=WEBBKURS-VALD&fileName=a.csv`,
      headers: { cookie: strategist },
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
  });
});
