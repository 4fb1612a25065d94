import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantId } from '../../src/domain/ids.ts';
import { managerRollup } from '../../src/server/features/home/rollup.ts';
import { deliverDue } from '../../src/server/features/notifications/delivery.ts';
import { notify } from '../../src/server/features/notifications/public.ts';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

/** The bell and its list, each person's choices, and the administrator's outbox. */
describe.skipIf(!browserAvailable)('notifications people act on', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;

  beforeAll(async () => {
    suite = await startBrowserSuite();
    // The demo's own notices (each assignment of the seed) aside: the roll-up is the one shown.
    await suite.t.db.deleteFrom('notifications').execute();
    await managerRollup(suite.t.db, new Date());
  });
  afterAll(async () => {
    await suite?.close();
  });

  const widths = [1280, 375] as const;

  /** On a phone the banner's tools fold behind the menu button. */
  async function bell(page: Page) {
    const menu = page.getByRole('button', { name: 'Meny' });
    if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'false')
      await menu.click();
    return page.getByRole('link', { name: /^Notiser/ });
  }

  async function notWiderThanTheScreen(page: Page, width: number) {
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(width);
  }

  it.each(widths)('shows a manager the bell and the weekly roll-up (%i px)', async (width) => {
    const { t } = suite;
    // Unread again for each width.
    await t.db
      .updateTable('notifications')
      .set({ read_at: null })
      .where('event', '=', 'manager_rollup')
      .execute();
    const page = await suite.signedInPage('chef');
    await page.setViewportSize({ width, height: 900 });
    await expect((await bell(page)).getAttribute('aria-label')).resolves.toBe('Notiser, 1 oläst');
    const read = page.waitForResponse((r) => r.url().endsWith('/api/me/notifications/read'));
    await (await bell(page)).click();
    await page.getByRole('heading', { name: 'Notiser', level: 1 }).waitFor();
    expect((await read).status()).toBe(200);
    const rollup = page.getByRole('link', {
      name: /^Personer med försenad utbildning i dina enheter: \d+\.$/,
    });
    await expect(rollup.count()).resolves.toBe(1);
    await page.getByRole('status').filter({ hasText: '1 oläst' }).waitFor();
    await notWiderThanTheScreen(page, width);
    await expectAccessible(page, `notifications at ${width} px`);
    // Read by opening the list: the bell has no count on the next page.
    await rollup.click();
    await page.getByRole('heading', { name: /^Välkommen/ }).waitFor();
    await expect((await bell(page)).getAttribute('aria-label')).resolves.toBe('Notiser');
    await page.context().close();
  });

  it.each(widths)('lets an employee change how often mail comes (%i px)', async (width) => {
    // The defaults again for each width.
    await suite.t.db.deleteFrom('notification_choices').execute();
    const page = await suite.signedInPage('anstalld');
    await page.setViewportSize({ width, height: 900 });
    await (await bell(page)).click();
    await page.getByRole('link', { name: 'Välj hur ofta du får e-post' }).click();
    await page.getByRole('heading', { name: 'Mina notiser' }).waitFor();
    await expect(page.getByLabel('En sammanfattning om dagen').isChecked()).resolves.toBe(true);
    await page.getByLabel('En sammanfattning i veckan').check();
    await page.getByLabel('Veckodag').selectOption({ label: 'fredag' });
    await page.getByLabel('Klockslag').selectOption({ label: '15:00' });
    await page.getByLabel('Ingen e-post under vissa timmar').uncheck();
    await notWiderThanTheScreen(page, width);
    await expectAccessible(page, `choices at ${width} px`);
    await page.getByRole('button', { name: 'Spara mina val' }).click();
    await page.getByRole('status').filter({ hasText: 'Dina val är sparade.' }).waitFor();
    await page.reload();
    await expect(page.getByLabel('En sammanfattning i veckan').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Veckodag').inputValue()).resolves.toBe('5');
    await expect(page.getByLabel('Klockslag').inputValue()).resolves.toBe('15');
    await expect(page.getByLabel('Ingen e-post under vissa timmar').isChecked()).resolves.toBe(
      false,
    );
    await page.context().close();
  });

  it.each(widths)(
    "lets a programme's owner set its reminders, seeing first who would get what (%i px)",
    async (width) => {
      const { t } = suite;
      await t.db.deleteFrom('reminder_rules').execute();
      const programme = await t.db
        .selectFrom('programmes')
        .select('id')
        .where('code', '=', 'HOT-VALD-ARBETE')
        .executeTakeFirstOrThrow();
      const page = await suite.signedInPage('strateg');
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${suite.base}/program/${programme.id}`);
      await page.getByRole('link', { name: 'Påminnelser' }).click();
      await page.getByRole('heading', { name: 'Påminnelser', level: 1 }).waitFor();
      const dryRun = page.getByRole('region', { name: 'Så här blir det i morgon bitti' });
      await dryRun.getByText(/får ”snart dags”/).waitFor();
      const before = await dryRun.getByRole('status').textContent();
      const answer = page.waitForResponse((r) => r.url().endsWith('/reminders/preview'));
      await page.getByLabel('Försenad').selectOption({ label: 'Inget besked' });
      await answer;
      await dryRun.getByText(/och 0 personer ”försenad” \(0 med konto\)/).waitFor();
      expect(await dryRun.getByRole('status').textContent()).not.toBe(before);
      await notWiderThanTheScreen(page, width);
      await expectAccessible(page, `reminders at ${width} px`);
      await page.getByRole('button', { name: 'Spara reglerna' }).click();
      await page.getByRole('status').filter({ hasText: 'Reglerna är sparade.' }).waitFor();
      await page.reload();
      await expect(page.getByLabel('Försenad').inputValue()).resolves.toBe('');
      await page.context().close();
    },
  );

  it.each(widths)(
    'lets the administrator read the outbox and a mail in it (%i px)',
    async (width) => {
      const { t } = suite;
      const person = await t.db
        .selectFrom('users')
        .select(['tenant_id', 'person_id'])
        .where('username', '=', 'fortroendevald')
        .executeTakeFirstOrThrow();
      const now = new Date();
      await t.db.transaction().execute((trx) =>
        notify(
          trx,
          person.tenant_id as TenantId,
          [
            {
              personId: person.person_id ?? '',
              event: 'authority_notice',
              subject: `case-${width}`,
              period: 'notice',
              link: '/',
              payload: { case: `H-${width}` },
            },
          ],
          now,
        ),
      );
      await deliverDue(t.db, { now, baseUrl: suite.base, smtp: false });
      const page = await suite.signedInPage('admin');
      await page.setViewportSize({ width, height: 900 });
      const menu = page.getByRole('button', { name: 'Meny' });
      if (await menu.isVisible()) await menu.click();
      await page
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('link', { name: 'Utskick' })
        .click();
      await page.getByRole('heading', { name: 'Utskick', level: 1 }).waitFor();
      await page.getByText(/Ingen e-postserver är inställd/).waitFor();
      await notWiderThanTheScreen(page, width);
      await expectAccessible(page, `outbox at ${width} px`);
      await page
        .getByRole('link', { name: /ett meddelande från Tryggve/ })
        .first()
        .click();
      await page
        .getByText(`Allvarligt tillbud H-${width}: anmäl till Arbetsmiljöverket i dag.`)
        .waitFor();
      await notWiderThanTheScreen(page, width);
      await expectAccessible(page, `a mail at ${width} px`);
      await page.context().close();
    },
  );
});
