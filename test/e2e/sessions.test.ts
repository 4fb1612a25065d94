import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, stockholmDate, stockholmInstant } from '../../src/domain/dates.ts';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

describe.skipIf(!browserAvailable)('trainers and sessions in the browser', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;
  /** The server's clock: moved to the session's start to take attendance. */
  let offset = 0;
  const tomorrow = addDays(stockholmDate(new Date()), 1);
  let socId = '';
  let kfkId = '';
  let trainerNumber = '';
  let employeeName = '';

  /** The "ALLA" figures of the violence programme, as the strategist's dashboard shows them. */
  async function violenceDone(): Promise<number> {
    const page = await suite.signedInPage('strateg');
    await page.getByRole('link', { name: 'Program', exact: true }).click();
    await page.getByRole('link', { name: /Våld i nära relationer/ }).click();
    const section = page.getByRole('region', { name: 'Alla inom tre år' });
    const text = (await section.getByRole('definition').nth(1).textContent()) ?? '';
    await page.context().close();
    return Number(text.replace(/\s/g, ''));
  }

  beforeAll(async () => {
    suite = await startBrowserSuite({}, () => new Date(Date.now() + offset));
    const { t } = suite;
    const offices = await t.db.selectFrom('org_units').select(['id', 'code']).execute();
    socId = offices.find((o) => o.code === 'SOC')?.id ?? '';
    kfkId = offices.find((o) => o.code === 'KFK')?.id ?? '';
    const trainer = await t.db
      .selectFrom('users')
      .innerJoin('people', 'people.id', 'users.person_id')
      .select(['people.employee_number'])
      .where('username', '=', 'utbildare')
      .executeTakeFirstOrThrow();
    trainerNumber = trainer.employee_number ?? '';
    // The employee has done the web course; the group session is what remains.
    const employee = await sql<{ id: string; tenant_id: string; name: string }>`
      SELECT p.id, p.tenant_id, p.first_name || ' ' || p.last_name AS name
      FROM users u JOIN people p ON p.id = u.person_id WHERE u.username = 'anstalld'`.execute(t.db);
    const person = employee.rows[0]!;
    employeeName = person.name;
    const web = await t.db
      .selectFrom('courses')
      .select('id')
      .where('code', '=', 'WEBBKURS-VALD')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('completions')
      .values({
        tenant_id: person.tenant_id,
        person_id: person.id,
        course_id: web.id,
        completed_on: addDays(stockholmDate(new Date()), -20),
        source: 'import',
        status: 'accepted',
        recorded_by_label: 'leverantör',
      })
      .execute();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it('strategist sees which offices lack a trainer and attaches one; trainer schedules, employee books, trainer takes attendance, the dashboard moves', async () => {
    const before = await violenceDone();

    // The strategist: coverage first, then the trainer also serves the culture office.
    const strategist = await suite.signedInPage('strateg');
    await strategist.getByRole('link', { name: 'Program', exact: true }).click();
    await strategist.getByRole('link', { name: /Våld i nära relationer/ }).click();
    await strategist.getByRole('link', { name: 'Utbildare, tillfällen och planering' }).click();
    await strategist.getByRole('heading', { name: 'Vilka enheter har en utbildare?' }).waitFor();
    const culture = strategist.getByRole('row', { name: /Kultur- och fritidskontoret/ });
    await culture.getByText('Har utbildare').waitFor();
    await strategist.getByText(/enheter med personal saknar utbildare/).waitFor();
    await strategist.getByRole('heading', { name: 'Hur många tillfällen behövs?' }).waitFor();
    await expectAccessible(strategist, 'trainers, coverage and planning');
    await strategist.getByLabel('Sök namn eller anställningsnummer').fill(trainerNumber);
    await strategist.getByRole('button', { name: 'Sök' }).click();
    await strategist.getByLabel('Enheter som utbildaren utbildar').selectOption([socId, kfkId]);
    await strategist.getByRole('button', { name: 'Spara utbildaren' }).click();
    await strategist.getByRole('status').filter({ hasText: 'Ändringen är sparad.' }).waitFor();
    await strategist.context().close();

    // The trainer schedules a session for tomorrow, open to the culture office.
    const trainer = await suite.signedInPage('utbildare');
    await trainer.getByRole('link', { name: 'Tillfällen' }).click();
    await trainer.getByRole('heading', { level: 1, name: 'Utbildningstillfällen' }).waitFor();
    await trainer
      .getByText(/kvar att utbilda/)
      .first()
      .waitFor();
    await expectAccessible(trainer, 'sessions (trainer)');
    await trainer.getByRole('link', { name: 'Planera ett tillfälle' }).click();
    await trainer.getByRole('heading', { level: 1, name: 'Planera ett tillfälle' }).waitFor();
    await expectAccessible(trainer, 'new session');
    await trainer.getByLabel('Datum').fill(tomorrow);
    await trainer.getByLabel('Plats', { exact: true }).fill('Stadsbiblioteket, studierummet');
    await trainer.getByLabel('Antal platser').fill('8');
    // Tomorrow's session with a 48-hour cut-off: cancelling oneself has already closed.
    await trainer.getByLabel('Avbokning senast, timmar före start').fill('48');
    // "Öppet för" offers only the two offices the trainer serves, searchable.
    const openTo = trainer.getByRole('group', { name: 'Öppet för' });
    expect(await openTo.getByRole('checkbox', { name: 'Bygg- och miljökontoret' }).count()).toBe(0);
    await openTo.getByLabel('Sök enhet').fill('kultur');
    await openTo
      .getByRole('checkbox', { name: 'Kultur- och fritidskontoret', exact: true })
      .check();
    await openTo.getByLabel('Sök enhet').fill('');
    await openTo
      .getByRole('status')
      .filter({ hasText: 'Valda: Kultur- och fritidskontoret' })
      .waitFor();
    await trainer.getByRole('button', { name: 'Skapa tillfället' }).click();
    await trainer
      .getByRole('heading', { level: 1, name: 'Gruppsamtal om våld i nära relationer' })
      .waitFor();
    await trainer.getByText('8 platser lediga av 8').waitFor();
    await trainer.getByText('Öppet för Kultur- och fritidskontoret').waitFor();
    const sessionUrl = trainer.url();
    await trainer.context().close();

    // The employee books it.
    const employee = await suite.signedInPage('anstalld');
    await employee.getByRole('link', { name: 'Tillfällen' }).click();
    await employee.getByRole('heading', { level: 1, name: 'Utbildningstillfällen' }).waitFor();
    await expectAccessible(employee, 'sessions (employee)');
    const offer = employee
      .getByRole('listitem')
      .filter({ hasText: 'Stadsbiblioteket, studierummet' });
    await offer.getByText(/bokar du nu kan du inte avboka själv/).waitFor();
    await offer.getByRole('button', { name: /^Boka: Gruppsamtal om våld/ }).click();
    await employee.getByRole('status').filter({ hasText: 'Du är bokad.' }).waitFor();
    const mine = employee
      .getByRole('region', { name: 'Mina bokningar' })
      .getByRole('listitem')
      .filter({ hasText: 'Stadsbiblioteket, studierummet' });
    await mine.getByText(/Sista dag att avboka själv var .* Kontakta /).waitFor();
    expect(await mine.getByRole('button', { name: 'Avboka' }).count()).toBe(0);
    // My training shows the booked date beside the course, linking to the session.
    await employee.getByRole('link', { name: 'Min utbildning' }).click();
    const course = employee.getByRole('listitem').filter({
      has: employee.getByRole('heading', { name: 'Gruppsamtal om våld i nära relationer' }),
    });
    await course.getByRole('link', { name: /^Du är bokad / }).click();
    await employee.getByText('Stadsbiblioteket, studierummet').waitFor();
    await expectAccessible(employee, 'sessions after booking');
    await employee.context().close();

    // Tomorrow, half an hour in: the trainer marks the employee present on the session page.
    offset = stockholmInstant(`${tomorrow}T09:30`).getTime() - Date.now();
    const roll = await suite.signedInPage('utbildare');
    await roll.setViewportSize({ width: 390, height: 844 });
    await roll.goto(sessionUrl);
    const attendance = roll.getByRole('group', { name: `Närvaro för ${employeeName}` });
    await attendance.getByLabel('Närvarande').click();
    await expect.poll(() => attendance.getByLabel('Närvarande').isChecked()).toBe(true);
    await attendance.getByText('Sparad').waitFor();
    await roll
      .getByRole('status')
      .filter({ hasText: `Sparat: ${employeeName} närvarande.` })
      .waitFor({ state: 'attached' });
    expect(await roll.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await expectAccessible(roll, 'attendance on a phone');
    await roll.context().close();

    expect(await violenceDone()).toBe(before + 1);
  });
});
