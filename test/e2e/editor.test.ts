import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

/** A programme owner edits a programme in the web: checked as the file is, saved, seen as a file. */
describe.skipIf(!browserAvailable)('the programme editor', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;
  beforeAll(async () => {
    suite = await startBrowserSuite();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it.each([1280, 375])(
    'renames a course and adds a target after fixing a period that ends too soon (%i px)',
    async (width) => {
      const target = `Chefer först ${width}`;
      const page = await suite.signedInPage('strateg');
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${suite.base}/program`);
      await page.getByRole('link', { name: 'Jämlikhet, antirasism och likabehandling' }).click();
      await page.getByRole('link', { name: 'Redigera programmet' }).click();
      await page.getByRole('heading', { level: 1, name: /^Redigera Jämlikhet/ }).waitFor();
      await expectAccessible(page, `programme editor ${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );

      const end = page.getByLabel('Periodens slut');
      const originalEnd = await end.inputValue();
      await end.fill('2020-01-01');
      await page.getByRole('button', { name: 'Spara ändringarna' }).click();
      const summary = page.locator('.error-summary');
      await summary.waitFor();
      const link = summary.getByRole('link', { name: /^Periodens slut:/ });
      await link.click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-period-end');
      expect(await end.getAttribute('aria-invalid')).toBe('true');
      await end.fill(originalEnd);

      await page.getByLabel('Kursens namn').first().fill(`Grunder i likabehandling (${width})`);
      await page.getByRole('button', { name: 'Lägg till ett mål' }).click();
      await page.getByLabel('Målets namn').last().fill(target);
      await page.getByLabel('Andel i procent').last().fill('50');
      await page.getByRole('button', { name: 'Spara ändringarna' }).click();
      await page.getByRole('status').filter({ hasText: 'Ändringarna är sparade.' }).waitFor();
      expect(await page.locator('pre.programme-file').textContent()).toContain(target);

      const saved = await suite.t.db
        .selectFrom('targets as t')
        .innerJoin('programmes as p', 'p.id', 't.programme_id')
        .select(['t.name', 't.percent'])
        .where('t.name', '=', target)
        .executeTakeFirstOrThrow();
      expect(Number(saved.percent)).toBe(50);
      const course = await suite.t.db
        .selectFrom('courses')
        .select('name')
        .where('code', '=', 'LIKA-1')
        .executeTakeFirstOrThrow();
      expect(course.name).toBe(`Grunder i likabehandling (${width})`);

      await page.getByRole('link', { name: 'Till programmets översikt' }).first().click();
      await page.getByText(target).first().waitFor();
      await page.context().close();
    },
  );

  it('is not offered to those who only read the figures', async () => {
    const page = await suite.signedInPage('chef');
    await page.goto(`${suite.base}/program`);
    await page
      .getByRole('link', { name: 'Våld i nära relationer – grundkunskap för alla' })
      .click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('link', { name: 'Redigera programmet' }).count()).toBe(0);
    await page.context().close();
  });
});
