import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

/** A tiny but real PDF, as a person would upload it. */
const CERTIFICATE = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe.skipIf(!browserAvailable)('programmes in the browser', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;

  /** The "ALLA" figures of the violence programme, as the strategist's dashboard shows them. */
  async function violenceDone(): Promise<number> {
    const page = await suite.signedInPage('strateg');
    await page.getByRole('link', { name: 'Program', exact: true }).click();
    await page.getByRole('link', { name: /Våld i nära relationer/ }).click();
    const section = page.getByRole('region', { name: 'Alla inom tre år' });
    const done = section.getByRole('definition').nth(1);
    const text = (await done.textContent()) ?? '';
    await page.context().close();
    return Number(text.replace(/\s/g, ''));
  }

  beforeAll(async () => {
    suite = await startBrowserSuite();
    // The employee has attended the group session already; the web course is what remains.
    const { t } = suite;
    const person = await t.db
      .selectFrom('users')
      .select('person_id')
      .where('username', '=', 'anstalld')
      .executeTakeFirstOrThrow();
    const session = await t.db
      .selectFrom('courses')
      .select('id')
      .where('code', '=', 'GRUPPSAMTAL-VALD')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('completions')
      .values({
        tenant_id: (await t.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
        person_id: person.person_id ?? '',
        course_id: session.id,
        completed_on: '2026-10-01',
        source: 'manual',
        status: 'accepted',
        recorded_by_label: 'utbildare',
      })
      .execute();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it('a rejection needs a reason, and the employee reads it beside their report', async () => {
    const employee = await suite.signedInPage('anstalld');
    await employee.getByRole('link', { name: 'Min utbildning' }).first().click();
    // Rejected first; the next test reports the same course again and has it approved.
    const form = employee.getByRole('group', { name: 'Rapportera Webbkurs om våld som klar' });
    await form.getByLabel('Intyg (PDF eller bild, högst 10 MB)').setInputFiles({
      name: 'intyg.pdf',
      mimeType: 'application/pdf',
      buffer: CERTIFICATE,
    });
    await form.getByRole('button', { name: 'Skicka' }).click();
    await employee.getByText('Väntar på godkännande').first().waitFor();

    const manager = await suite.signedInPage('chef');
    await manager.setViewportSize({ width: 375, height: 800 });
    await manager.goto(`${suite.base}/godkannanden`);
    const name = suite.t.seed.logins.find((l) => l.username === 'anstalld')?.displayName ?? '';
    const item = manager
      .getByRole('listitem')
      .filter({ hasText: name })
      .filter({ hasText: 'Webbkurs om våld' });
    await item.getByRole('button', { name: 'Avslå' }).click();
    await item.getByRole('alert').filter({ hasText: 'Skriv varför du avslår' }).waitFor();
    await expect
      .poll(() =>
        item.getByLabel(`Kommentar till ${name}`).evaluate((e) => e === document.activeElement),
      )
      .toBe(true);
    await expectAccessible(manager, 'rejection without a reason');
    await item.getByLabel(`Kommentar till ${name}`).fill('Intyget gäller en annan kurs.');
    await item.getByRole('button', { name: 'Avslå' }).click();
    await manager.getByText(`${name}: Avslagen.`).waitFor();
    await manager.context().close();

    await employee.reload();
    const history = employee.getByRole('table', { name: 'Historik' });
    await history
      .getByRole('row', { name: /Webbkurs om våld/ })
      .getByText('Intyget gäller en annan kurs.')
      .waitFor();
    await employee.context().close();
  });

  it('an employee reports a web course with a certificate, the manager approves, the dashboard moves', async () => {
    const before = await violenceDone();

    const employee = await suite.signedInPage('anstalld');
    await employee.getByRole('link', { name: 'Min utbildning' }).first().click();
    await employee.getByRole('heading', { level: 1, name: 'Min utbildning' }).waitFor();
    await expectAccessible(employee, 'my training');
    const form = employee.getByRole('group', { name: 'Rapportera Webbkurs om våld som klar' });
    await form.getByLabel('Intyg (PDF eller bild, högst 10 MB)').setInputFiles({
      name: 'fake.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a pdf at all'),
    });
    await form.getByRole('button', { name: 'Skicka' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toContain(
      'PDF-, PNG- eller JPEG-fil',
    );
    await form.getByLabel('Intyg (PDF eller bild, högst 10 MB)').setInputFiles({
      name: 'intyg.pdf',
      mimeType: 'application/pdf',
      buffer: CERTIFICATE,
    });
    await form.getByRole('button', { name: 'Skicka' }).click();
    await employee.getByText('Väntar på godkännande').first().waitFor();
    await employee.context().close();

    const manager = await suite.signedInPage('chef');
    await manager.getByRole('link', { name: 'Att godkänna' }).click();
    await manager.getByRole('heading', { level: 1, name: 'Att godkänna' }).waitFor();
    await expectAccessible(manager, 'approvals');
    const name = suite.t.seed.logins.find((l) => l.username === 'anstalld')?.displayName ?? '';
    const item = manager.getByRole('listitem').filter({ hasText: name });
    const certificate = await manager.request.get(
      suite.base + ((await item.getByRole('link', { name: 'Intyg' }).getAttribute('href')) ?? ''),
    );
    expect(certificate.headers()['content-type']).toBe('application/pdf');
    await item.getByLabel(`Kommentar till ${name}`).fill('Ser bra ut.');
    await item.getByRole('button', { name: 'Godkänn' }).click();
    await manager.getByText(`${name}: Godkänd.`).waitFor();
    // The manager's own view of the programme: figures for their unit and their people.
    await manager.getByRole('link', { name: 'Program', exact: true }).click();
    await manager.getByRole('link', { name: /Våld i nära relationer/ }).click();
    const people = manager.getByRole('region', { name: /^Dina medarbetare i/ });
    const doneRow = people.getByRole('table', { name: /^Klara/ }).getByRole('row', { name });
    await doneRow.getByRole('link', { name }).waitFor();
    // The day they became done, not a due date.
    await expect(doneRow.getByRole('cell').last().textContent()).resolves.toMatch(/\d{4}$/);
    await expectAccessible(manager, "manager's dashboard");
    const scope = suite.t.seed.logins.find((l) => l.username === 'chef')?.scopeUnitCode ?? '';
    const unit = await suite.t.db
      .selectFrom('org_units')
      .select('name')
      .where('code', '=', scope)
      .executeTakeFirstOrThrow();
    const own = manager.getByRole('region', { name: 'Alla inom tre år' });
    await own.getByRole('rowheader', { name: unit.name }).waitFor();
    await manager.context().close();

    expect(await violenceDone()).toBe(before + 1);
  });

  it('the strategist drills down the dashboard, reads the chart as a table and exports it', async () => {
    const page = await suite.signedInPage('strateg');
    await page.getByRole('link', { name: 'Program', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Program' }).waitFor();
    await expectAccessible(page, 'programme list');
    await page.getByRole('link', { name: /HBTQ-webbutbildning/ }).click();
    const staff = page.getByRole('region', { name: '30 % av personalen i varje förvaltning' });
    await staff.getByRole('table').first().waitFor();
    await expectAccessible(page, 'dashboard');
    // Committees beside the offices, at the top of the tree.
    const committees = page.getByRole('region', {
      name: '30 % av de förtroendevalda i varje nämnd',
    });
    await committees.getByRole('cell', { name: /%/ }).first().waitFor();
    await expect(
      committees.getByRole('rowheader', { name: 'Kultur- och fritidsnämnden' }).count(),
    ).resolves.toBe(1);
    await staff.getByRole('button', { name: 'Visa under Socialkontoret' }).click();
    await staff.getByRole('heading', { name: 'Socialkontoret' }).waitFor();
    await staff
      .getByRole('navigation', { name: /^Var i organisationen/ })
      .getByRole('button', { name: 'Älvsala kommun' })
      .click();
    await staff.getByRole('heading', { name: 'Älvsala kommun' }).waitFor();
    await staff.getByRole('button', { name: 'Visa under Socialkontoret' }).click();
    await staff.getByRole('heading', { name: 'Socialkontoret' }).waitFor();
    // Sorted by share, lowest first, and filtered to one status; each row leads to its people.
    const level = staff.getByRole('table', { name: 'Socialkontoret' });
    await level.getByRole('button', { name: 'Andel' }).click();
    await level.getByRole('button', { name: 'Andel' }).click();
    await expect
      .poll(() => level.getByRole('columnheader', { name: /Andel/ }).getAttribute('aria-sort'))
      .toBe('ascending');
    const shares = (await level.locator('tbody td.number:nth-of-type(3)').allTextContents()).map(
      (text) => Number(text.replace(/[^\d,]/g, '').replace(',', '.')),
    );
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    const filter = staff.getByLabel('Visa').first();
    const behind = await filter.locator('option', { hasText: 'Efter' }).textContent();
    await filter.selectOption({ label: behind ?? '' });
    const expected = Number(/\((\d+)\)/.exec(behind ?? '')?.[1]);
    await expect
      .poll(() =>
        level
          .locator('tbody tr')
          .count()
          .catch(() => 0),
      )
      .toBe(expected);
    await filter.selectOption({ index: 0 });
    await expectAccessible(page, 'dashboard table sorted');
    await level
      .getByRole('link', { name: /^Personer i / })
      .first()
      .waitFor();
    await staff.getByText('Visa som tabell').click();
    await expect(
      staff.getByRole('columnheader', { name: 'Klara totalt' }).isVisible(),
    ).resolves.toBe(true);

    const csv = await page.request.get(
      suite.base +
        ((await page.getByRole('link', { name: 'Exportera CSV' }).getAttribute('href')) ?? ''),
    );
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('Ska utbildas');
    expect(text).toContain('Socialkontoret');
    const xlsx = await page.request.get(
      suite.base +
        ((await page.getByRole('link', { name: 'Exportera Excel' }).getAttribute('href')) ?? ''),
    );
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  });

  it('the strategist creates a programme in the wizard and it assigns its audience', async () => {
    const page = await suite.signedInPage('strateg');
    await page.goto(`${suite.base}/program/nytt`);
    await page.getByRole('heading', { level: 1, name: 'Nytt program' }).waitFor();
    await expectAccessible(page, 'wizard');
    // An end before the start, and no name: the first step stops and names both fields.
    await page.getByLabel('Kod (t.ex. HBTQ-2027)').fill('TRYGG-BUK');
    await page.getByLabel('Periodens start').fill('2026-11-01');
    await page.getByLabel('Periodens slut').fill('2026-10-01');
    await page.getByRole('button', { name: 'Nästa' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'innan du går vidare' });
    await problems
      .getByRole('link', {
        name: 'Steg 1, Periodens slut: slutar (2026-10-01) före start (2026-11-01)',
      })
      .waitFor();
    await problems.getByRole('link', { name: 'Steg 1, Namn: måste fyllas i' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('wizard-name');
    await expectAccessible(page, 'wizard with problems');
    await problems.getByRole('link', { name: /Periodens slut/ }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('wizard-periodEnd');
    await page.getByLabel('Namn').fill('Trygg skola');
    await page.getByLabel('Område').selectOption('threats_and_violence_at_work');
    await page.getByLabel('Beslutande organ').selectOption('BUN');
    await page.getByLabel('Diarienummer').fill('BUN 2026/77');
    await page.getByLabel('Periodens start').fill('2026-11-01');
    await page.getByLabel('Periodens slut').fill('2027-12-31');
    await page.getByRole('button', { name: 'Nästa' }).click();
    // Starting from an existing course fills its details; the code stays for a new one.
    await page
      .getByLabel('Utgå från en befintlig kurs (valfritt)')
      .selectOption({ label: 'Webbkurs om våld (Våld i nära relationer – grundkunskap för alla)' });
    await expect.poll(() => page.getByLabel('Kursens namn').inputValue()).toBe('Webbkurs om våld');
    await expect(page.getByLabel('Leverantör (webbkurs)').inputValue()).resolves.not.toBe('');
    await expect(page.getByLabel('Kurskod').inputValue()).resolves.toBe('');
    await page.getByLabel('Kurskod').fill('TRYGG-WEBB');
    await page.getByLabel('Kursens namn').fill('Trygg skola på webben');
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel('Barn- och utbildningskontoret').check();
    await expectAccessible(page, 'wizard audience');
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByLabel('Andel i procent').fill('75');
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Granska och spara' }).waitFor();
    await page.getByText('Barn- och utbildningskontoret').waitFor();
    await page.getByRole('button', { name: 'Spara programmet' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'TRYGG-BUK' });
    await saved.waitFor();
    const assigned = Number(
      /(\d[\d\s]*) personer/.exec((await saved.textContent()) ?? '')?.[1]?.replace(/\s/g, ''),
    );
    expect(assigned).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Öppna programmets översikt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trygg skola' }).waitFor();
    const region = page.getByRole('region', { name: 'Trygg skola' });
    await expect(region.getByRole('definition').first().textContent()).resolves.toBe(
      String(assigned),
    );
  });

  it("the strategist sees on a person's page why they are in a programme, and exempts them", async () => {
    const page = await suite.signedInPage('strateg');
    const person = await suite.t.db
      .selectFrom('users')
      .select('person_id')
      .where('username', '=', 'chef')
      .executeTakeFirstOrThrow();
    await page.goto(`${suite.base}/organisation/personer/${person.person_id ?? ''}`);
    const card = page.getByRole('article', { name: /Hot och våld i arbetet/ });
    await card.getByText('I målgruppen').waitFor();
    await expect(card.textContent()).resolves.toMatch(
      /Programmet gäller anställda, och personen är anställd som .+ vid .+ sedan \d/,
    );
    await expectAccessible(page, "person's programmes");
    await card.getByLabel('Skäl för undantag (tomt: häv undantaget)').fill('Långtidssjukskriven');
    await card.getByRole('button', { name: 'Spara undantag' }).click();
    await card.getByText('Undantagen: Långtidssjukskriven').waitFor();
  });

  it("the strategist imports a provider's list: problems by row first, then the preview, then applied", async () => {
    const people = await suite.t.db
      .selectFrom('people')
      .leftJoin('completions', 'completions.person_id', 'people.id')
      .select(['people.employee_number'])
      .where('completions.id', 'is', null)
      .where('people.employee_number', 'is not', null)
      .orderBy('people.id')
      .limit(2)
      .execute();
    const numbers = people.map((p) => p.employee_number ?? '');
    const page = await suite.signedInPage('strateg');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${suite.base}/program`);
    await page.getByRole('link', { name: /Våld i nära relationer/ }).click();
    await page
      .getByRole('link', { name: 'Importera genomförda kurser från en leverantör' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Importera genomförda kurser' }).waitFor();
    await page.getByLabel('Kurs', { exact: true }).selectOption('WEBBKURS-VALD');
    const file = (rows: string[]) => ({
      name: 'nck-lista.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`Anställningsnummer;Datum\n${rows.join('\n')}\n`),
    });
    await page
      .getByLabel('Fil (CSV eller Excel)')
      .setInputFiles(file([`${numbers[0]};2026-10-01`, '999999;2026-10-01']));
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page
      .getByRole('alert')
      .getByText(/rad 3, .*999999/)
      .waitFor();
    expect(await page.getByRole('button', { name: /^Importera \d/ }).count()).toBe(0);
    await expectAccessible(page, 'completion import with problems');
    await page
      .getByLabel('Fil (CSV eller Excel)')
      .setInputFiles(file([`${numbers[0]};2026-10-01`, `${numbers[1]};2026-10-02`]));
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('status').filter({ hasText: '2 nya, 0 redan registrerade.' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await page.getByRole('button', { name: 'Importera 2 genomföranden' }).click();
    await page.getByRole('heading', { name: 'Importen är klar' }).waitFor();
    await expectAccessible(page, 'completion import applied');
    await page.context().close();
  });

  it("the draft's owner activates it from its dashboard", async () => {
    const page = await suite.signedInPage('sakerhet');
    await page.getByRole('link', { name: 'Program', exact: true }).click();
    await page.getByRole('link', { name: 'Trygghet för förtroendevalda' }).click();
    await page.getByText('Programmet är ett utkast.', { exact: false }).waitFor();
    // Who activating it would assign, instead of a red "Efter" on empty figures.
    const preview = page.getByText(/^Utkast: aktiveras programmet tilldelas (\d[\d\s]*) person/);
    const wouldAssign = Number(
      /tilldelas (\d[\d\s]*) person/
        .exec((await preview.textContent()) ?? '')?.[1]
        ?.replace(/\s/g, ''),
    );
    expect(await page.getByText('Efter', { exact: true }).count()).toBe(0);
    await expectAccessible(page, 'draft dashboard');
    await page.getByRole('button', { name: 'Aktivera programmet' }).click();
    await page.getByText(`Programmet är aktivt: ${wouldAssign} personer tilldelade.`).waitFor();
    await page.getByRole('button', { name: 'Avsluta programmet' }).waitFor();
  });
});
