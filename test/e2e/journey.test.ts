import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/features/demo/generator.ts';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

describe.skipIf(!browserAvailable)('a person in the browser', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;
  let base: string;
  const newPage = () => suite.newPage();
  const signedInPage = (username: string) => suite.signedInPage(username);

  beforeAll(async () => {
    suite = await startBrowserSuite();
    base = suite.base;
  });
  afterAll(async () => {
    await suite?.close();
  });

  it('signs in as the administrator, browses the organisation and signs out', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.waitForURL(/\/logga-in$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Logga in');
    await expectAccessible(page, 'login');

    await page.getByLabel('Användarnamn').fill('admin');
    await page.getByLabel('Lösenord').fill('wrong password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Fel användarnamn eller lösenord.',
    );
    await expectAccessible(page, 'login with error');

    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Välkommen, Systemadministratör' }).waitFor();
    await expectAccessible(page, 'start page');

    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    await page.getByRole('heading', { name: 'Politiska organ' }).waitFor();
    await expect(page.getByRole('link', { name: 'Kommunfullmäktige' }).isVisible()).resolves.toBe(
      true,
    );
    await expectAccessible(page, 'organisation');

    // Expand an office with the keyboard, then open one of its departments.
    const expand = page.getByRole('button', {
      name: 'Visa underenheter till Kultur- och fritidskontoret',
    });
    await expand.focus();
    await page.keyboard.press('Enter');
    await expect(
      page
        .getByRole('button', { name: 'Dölj underenheter till Kultur- och fritidskontoret' })
        .getAttribute('aria-expanded'),
    ).resolves.toBe('true');
    await page.getByRole('link', { name: 'Biblioteken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Biblioteken' }).waitFor();
    await page.getByRole('heading', { name: 'Medarbetare' }).waitFor();
    await expectAccessible(page, 'unit page');

    await page.goto(`${base}/organisation`);
    await page.getByLabel('Sök enhet').fill('simhallen');
    await expect(
      page
        .getByRole('link', { name: /^Simhallen / })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Kommunstyrelsekontoret' }).count()).resolves.toBe(
      0,
    );

    await page.getByRole('link', { name: 'Kultur- och fritidsnämnden' }).click();
    await page.getByRole('table', { name: 'Ledamöter och ersättare' }).waitFor();
    await expectAccessible(page, 'body page');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByText('Du är utloggad.').waitFor();
    await page.goto(`${base}/organisation`);
    await page.waitForURL(/\/logga-in$/);
  });

  it('imports units through the wizard: errors first, then preview, apply, history and undo', async () => {
    const page = await signedInPage('admin');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Import' })
      .click();
    await page
      .getByRole('heading', { level: 1, name: 'Importera personal och organisation' })
      .waitFor();
    await expectAccessible(page, 'import wizard');

    await page.getByLabel('Enheter (organisationsträdet)').check();
    await page
      .getByLabel('Filen är en fullständig export – den som saknas i filen avslutas')
      .uncheck();
    const file = (text: string) => ({
      name: 'enheter.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(text, 'latin1'),
    });
    await page
      .getByLabel('Fil', { exact: true })
      .setInputFiles(file('enhetskod;namn;överordnad\nSOC-11;;SOC\nSOC-12;Familjerätt;NOPE\n'));
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Kolumner' }).waitFor();
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('heading', { name: 'Fel i filen' }).waitFor();
    await expect(
      page.getByRole('cell', { name: 'den överordnade enheten ”NOPE” finns inte' }).isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Genomför importen' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'preview with errors');

    await page.getByRole('button', { name: 'Börja om' }).click();
    await page.getByLabel('Enheter (organisationsträdet)').check();
    await page
      .getByLabel('Filen är en fullständig export – den som saknas i filen avslutas')
      .uncheck();
    // Another system's layout: the code column has a header Tryggve does not know.
    await page
      .getByLabel('Fil', { exact: true })
      .setInputFiles(file('Org-ID;Namn;Överordnad;Typ\nSOC-11;Familjerätt;SOC;avdelning\n'));
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Kolumner' }).waitFor();
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByText('Välj en kolumn för: enhetskod.').waitFor();
    await expectAccessible(page, 'mapping with a missing column');
    await page.getByLabel('enhetskod (obligatorisk)').selectOption('Org-ID');
    await page.getByLabel('Spara kolumnvalen som profil (valfritt namn)').fill('Personec');
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('cell', { name: 'Familjerätt' }).waitFor();
    await page.getByLabel('Visa').selectOption('created');
    await expectAccessible(page, 'preview');
    await page.getByRole('button', { name: 'Genomför importen' }).click();
    await page.getByRole('heading', { name: 'Importen är genomförd.' }).waitFor();
    await expectAccessible(page, 'import done');
    expect(
      await suite.t.db
        .selectFrom('org_units')
        .select('name')
        .where('code', '=', 'SOC-11')
        .executeTakeFirst(),
    ).toEqual({ name: 'Familjerätt' });
    expect(
      await suite.t.db.selectFrom('import_profiles').select(['name', 'mapping']).execute(),
    ).toEqual([
      {
        name: 'Personec',
        mapping: { code: 'Org-ID', name: 'Namn', parent_code: 'Överordnad', kind: 'Typ' },
      },
    ]);

    await page.getByRole('link', { name: 'Importhistorik' }).first().click();
    await page.getByRole('cell', { name: 'enheter.csv' }).waitFor();
    await expectAccessible(page, 'import history');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Ångra senaste importen' }).click();
    await page.getByText('Importen av enheter.csv är ångrad.').waitFor();
    expect(
      await suite.t.db
        .selectFrom('org_units')
        .select('name')
        .where('code', '=', 'SOC-11')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('lets an administrator correct a unit and a person by hand, with the change in the history', async () => {
    const page = await signedInPage('admin');
    await page.goto(`${base}/organisation`);
    await page.getByLabel('Kod', { exact: true }).fill('VN');
    await page.getByLabel('Namn', { exact: true }).fill('Valnämnden');
    await page.getByRole('checkbox', { name: 'Kommunstyrelsekontoret' }).check();
    await page.getByRole('button', { name: 'Skapa' }).click();
    await page.getByRole('link', { name: 'Valnämnden' }).waitFor();
    await expectAccessible(page, 'organisation for an administrator');
    const unit = await suite.t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', 'KFK-03')
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/organisation/enheter/${unit.id}`);
    await page.getByRole('heading', { name: 'Administrera' }).waitFor();
    await expectAccessible(page, 'unit page for an administrator');
    await page.getByLabel('Namn', { exact: true }).first().fill('Fritidsgårdarna');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Fritidsgårdarna' }).waitFor();
    await page.getByText(/ändrad för hand.*namn: Fritidsgårdar → Fritidsgårdarna/).waitFor();

    await page.getByRole('button', { name: 'Stäng enheten' }).click();
    await page.getByLabel('Sista dag').fill('2026-12-31');
    await page.getByRole('button', { name: 'Stäng enheten' }).click();
    await page.getByRole('alert').filter({ hasText: 'har kvar' }).waitFor();

    const person = await suite.t.db
      .selectFrom('people')
      .select('id')
      .where('employee_number', 'is not', null)
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/organisation/personer/${person.id}`);
    await page.getByLabel('Efternamn').fill('Testsson');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Testsson$/ }).waitFor();
    await expectAccessible(page, 'person page for an administrator');
    await page.getByLabel('Politiskt organ').selectOption({ label: 'Socialnämnden' });
    await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Ersättare' });
    await page.getByLabel('Från', { exact: true }).fill('2027-01-01');
    await page.getByRole('button', { name: 'Lägg till' }).last().click();
    await page
      .getByRole('table', { name: 'Uppdrag i politiska organ' })
      .getByRole('cell', { name: 'Socialnämnden' })
      .waitFor();

    const both = await suite.t.db
      .selectFrom('people')
      .select('id')
      .where('employee_number', 'is not', null)
      .where('official_number', 'is not', null)
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/organisation/personer/${both.id}`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Dela upp i två personer' }).click();
    await page.getByText('Inga uppdrag.').waitFor();
  });

  it('switches to English and keeps the choice', async () => {
    const page = await newPage();
    await page.goto(`${base}/logga-in`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByLabel('Username').fill('chef');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
    await expectAccessible(page, 'start page in English');
    await page.reload();
    await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
  });

  it('sends a person whose session expired back to the login page with a message', async () => {
    const page = await signedInPage('strateg');
    // The start page's own requests done first: one still reading the session could otherwise
    // keep the fresh copy it read (and touch it) after the clock below is turned back.
    await page.waitForLoadState('networkidle');
    await suite.t.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 60 * 60_000) })
      .execute();
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    await page.getByText('Din session har gått ut. Logga in igen.').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Logga in');
  });

  it("shows a manager their own unit's people and hides others'", async () => {
    const page = await signedInPage('chef');
    const scope = suite.t.seed.logins.find((l) => l.username === 'chef')?.scopeUnitCode;
    const unit = await suite.t.db
      .selectFrom('org_units')
      .select(['id', 'name'])
      .where('code', '=', scope ?? '')
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/organisation/enheter/${unit.id}`);
    await page.getByRole('table', { name: 'Medarbetare' }).waitFor();
    await page.getByRole('table', { name: 'Medarbetare' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Anställningar' }).waitFor();
    await expect(page.getByRole('cell', { name: 'Pågår' }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page, 'person page');
    const social = await suite.t.db
      .selectFrom('org_units')
      .select('id')
      .where('code', '=', 'SOC')
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/organisation/enheter/${social.id}`);
    await page.getByText('Du har inte behörighet att se medarbetarna i den här enheten.').waitFor();
  });
});
