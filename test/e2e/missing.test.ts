import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

/** A programme owner and a manager find who is missing, filter the list and export it. */
describe.skipIf(!browserAvailable)('who is missing in the browser', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;

  beforeAll(async () => {
    suite = await startBrowserSuite();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it('lets the owner filter everyone by status and name, and export what is shown', async () => {
    const page = await suite.signedInPage('strateg');
    await page.getByRole('link', { name: 'Program', exact: true }).click();
    await page.getByRole('link', { name: /Våld i nära relationer/ }).click();
    await page.getByRole('link', { name: /Vem saknas/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Vem saknas' }).waitFor();
    const table = page.getByRole('table', { name: 'Vem saknas' });
    await table.waitFor();
    await expectAccessible(page, 'who is missing');

    const before = (await page.getByRole('status').textContent()) ?? '';
    await page.getByLabel('Status').selectOption('done');
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/status=done/);
    await page.getByRole('status').filter({ hasNotText: before }).waitFor();
    await table.locator('tbody .badge').first().waitFor();
    const statuses = await table.locator('tbody .badge').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['Klar']));
    const shown = (await page.getByRole('status').textContent()) ?? '';
    expect(shown).toMatch(/^Visar 1–\d+ av \d+$/);
    const csv = await page.getByRole('link', { name: 'Exportera CSV' }).getAttribute('href');
    expect(csv).toContain('status=done');
    expect(csv).toContain('format=csv');
    const download = await page.request.get(`${suite.base}${csv ?? ''}`);
    expect(download.status()).toBe(200);
    const lines = (await download.text()).trim().split('\r\n');
    expect(lines.length - 1).toBe(Number(/av (\d+)/.exec(shown)?.[1]));

    // A name finds the person, and the name leads to their page.
    const name = (await table.locator('tbody th a').first().textContent()) ?? '';
    await page.getByLabel('Namn eller anställningsnummer').fill(name);
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/q=/);
    await page.getByRole('status').filter({ hasNotText: shown }).waitFor();
    await table.getByRole('link', { name }).first().click();
    await page.getByRole('heading', { level: 1, name }).waitFor();

    await page.goBack();
    await page.setViewportSize({ width: 375, height: 800 });
    await table.waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'who is missing on a phone');
    await page.context().close();
  });

  it('gives a manager the list of their own unit, overdue people marked', async () => {
    const page = await suite.signedInPage('chef');
    await page.getByRole('link', { name: 'Program', exact: true }).click();
    await page.getByRole('link', { name: /Jämlikhet, antirasism/ }).click();
    await page.getByRole('link', { name: /Vem saknas/ }).click();
    const table = page.getByRole('table', { name: 'Vem saknas' });
    await table.waitFor();
    const units = await table.locator('tbody td:nth-child(2)').allTextContents();
    expect(units.length).toBeGreaterThan(0);
    expect(new Set(units.map((u) => u.split(' · ')[0])).size).toBe(1);
    // The programme's due date has passed: who is not done is overdue, and marked so.
    const late = table.locator('tbody tr.late');
    await expect(late.count()).resolves.toBeGreaterThan(0);
    await expect(late.first().locator('.badge').textContent()).resolves.toBe('Försenad');
    await expectAccessible(page, "a manager's list of who is missing");
    await page.context().close();
  });
});
