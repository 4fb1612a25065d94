import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

/** Finding a person across the organisation, as those who may see people. */
describe.skipIf(!browserAvailable)('people search', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;
  beforeAll(async () => {
    suite = await startBrowserSuite();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it.each([1280, 375])(
    'an administrator finds a person by name and opens their page (%i px)',
    async (width) => {
      const name = suite.t.seed.logins.find((l) => l.username === 'anstalld')?.displayName ?? '';
      const page = await suite.signedInPage('admin');
      await page.setViewportSize({ width, height: 900 });
      if (width < 600) await page.getByRole('button', { name: 'Meny' }).click();
      await page.getByRole('link', { name: 'Personer', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Sök person' }).waitFor();
      await page.getByLabel('Namn, anställningsnummer eller e-post').fill(name);
      await page.getByRole('button', { name: 'Sök' }).click();
      await page.getByRole('heading', { name: /träff(ar)? på/ }).waitFor();
      expect(page.url()).toContain(`q=${encodeURIComponent(name).replaceAll('%20', '+')}`);
      await expectAccessible(page, `people search ${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      await page.getByRole('link', { name }).first().click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.context().close();
    },
  );

  it('a manager finds nobody outside their units; an employee is not offered the search', async () => {
    const manager = await suite.signedInPage('chef');
    await manager.goto(`${suite.base}/organisation/personer?q=Karl`);
    const results = manager.getByRole('heading', { name: /på ”Karl”/ });
    await results.waitFor();
    const scope = suite.t.seed.logins.find((l) => l.username === 'chef')?.scopeUnitCode ?? '';
    const hints = await manager.locator('.people-results .hint').allTextContents();
    const unit = await suite.t.db
      .selectFrom('org_units')
      .select('name')
      .where('code', '=', scope)
      .executeTakeFirstOrThrow();
    for (const hint of hints) expect(hint).toContain(unit.name);
    await manager.context().close();

    const employee = await suite.signedInPage('anstalld');
    expect(await employee.getByRole('link', { name: 'Personer', exact: true }).count()).toBe(0);
    await employee.goto(`${suite.base}/organisation/personer?q=Karl`);
    await employee.getByRole('alert').waitFor();
    await employee.context().close();
  });
});
