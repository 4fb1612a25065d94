import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmDate } from '../../src/domain/dates.ts';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

/** Each role's start page: what waits for them, and their own part of the day. */
describe.skipIf(!browserAvailable)('each role starts its day', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;

  beforeAll(async () => {
    suite = await startBrowserSuite();
    // The employee reports the web course: a report waits for the manager.
    const { t } = suite;
    const course = await t.db
      .selectFrom('courses')
      .select('id')
      .where('code', '=', 'WEBBKURS-VALD')
      .executeTakeFirstOrThrow();
    const report = await t.app.inject({
      method: 'POST',
      url: '/api/me/completions',
      headers: { cookie: await t.login('anstalld') },
      payload: {
        courseId: course.id,
        completedOn: stockholmDate(new Date(Date.now() - 86_400_000)),
        certificate: {
          fileName: 'intyg.pdf',
          contentBase64: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n').toString(
            'base64',
          ),
        },
      },
    });
    expect(report.statusCode, report.body).toBe(200);
  });
  afterAll(async () => {
    await suite?.close();
  });

  /** The start page at 1280 px and at 375 px, axe-clean at both, not wider than the phone. */
  async function bothWidths(page: Page, role: string, check: () => Promise<void>) {
    await check();
    await expectAccessible(page, `start page of ${role}`);
    await page.setViewportSize({ width: 375, height: 800 });
    await check();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await expectAccessible(page, `start page of ${role} on a phone`);
    await page.context().close();
  }

  it('shows a manager what waits, the late people of their units and their figures', async () => {
    const page = await suite.signedInPage('chef');
    const waiting = page.getByRole('region', { name: 'Väntar på dig' });
    const approvals = await waiting.getByRole('link', { name: /att godkänna/ }).textContent();
    const count = Number(/\d+/.exec(approvals ?? '')?.[0]);
    expect(count).toBeGreaterThan(0);
    // The menu says the same number.
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await expect(nav.getByRole('link', { name: `Att godkänna ${count}` }).count()).resolves.toBe(1);
    const team = page.getByRole('region', { name: 'Mina enheter' });
    const late = team.getByRole('table', { name: /Försenade och snart aktuella/ });
    await expect(
      late
        .getByText(/Försenad sedan/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(
      team.getByRole('table', { name: 'Dina enheter i varje program' }).getByRole('row').count(),
    ).resolves.toBeGreaterThan(1);
    await bothWidths(page, 'a manager', async () => {
      await team.getByRole('heading', { name: 'Mina enheter' }).waitFor();
    });

    // A name leads to the person's page.
    const again = await suite.signedInPage('chef');
    const first = again
      .getByRole('region', { name: 'Mina enheter' })
      .getByRole('table', { name: /Försenade/ })
      .getByRole('link')
      .first();
    const name = (await first.textContent()) ?? '';
    await first.click();
    await again.getByRole('heading', { level: 1, name }).waitFor();
    await again.context().close();
  });

  it("shows a programme owner their programmes' standing and the units without a trainer", async () => {
    const page = await suite.signedInPage('strateg');
    const owned = page.getByRole('region', { name: 'Mina program' });
    await owned.getByRole('link', { name: 'Trygghet för förtroendevalda' }).waitFor();
    await expect(owned.getByText(/Utkast – inte aktiverat/).count()).resolves.toBe(1);
    await expect(
      owned
        .getByText(/% av 100 % till/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    const uncovered = owned.getByRole('link', { name: /saknar utbildare/ });
    await bothWidths(page, 'a programme owner', () => uncovered.waitFor());

    const again = await suite.signedInPage('strateg');
    await again
      .getByRole('region', { name: 'Mina program' })
      .getByRole('link', { name: /saknar utbildare/ })
      .click();
    await again
      .getByRole('heading', { level: 1, name: /Utbildare, tillfällen och planering/ })
      .waitFor();
    await again.context().close();
  });

  it('shows a trainer the next sessions and the units still to train', async () => {
    const page = await suite.signedInPage('utbildare');
    const trainer = page.getByRole('region', { name: 'Som utbildare' });
    await bothWidths(page, 'a trainer', async () => {
      await trainer.getByRole('heading', { name: 'Dina nästa tillfällen' }).waitFor();
      await trainer
        .getByText(/kvar att utbilda/)
        .first()
        .waitFor();
      await expect(
        trainer.getByRole('link', { name: 'Planera ett tillfälle' }).count(),
      ).resolves.toBeGreaterThan(0);
    });
  });

  it.each([
    ['anstalld', 'an employee'],
    ['fortroendevald', 'an elected official'],
  ])('shows %s what is assigned, due and booked', async (username, role) => {
    const page = await suite.signedInPage(username);
    const mine = page.getByRole('region', { name: 'Min utbildning' });
    await bothWidths(page, role, async () => {
      await mine
        .getByText(/av \d+ klara/)
        .first()
        .waitFor();
      await mine.getByRole('heading', { name: 'Mina bokningar' }).waitFor();
    });
  });

  it('shows the security coordinator the programme they own, the safety representative their unit', async () => {
    const coordinator = await suite.signedInPage('sakerhet');
    await bothWidths(coordinator, 'the security coordinator', () =>
      coordinator
        .getByRole('region', { name: 'Mina program' })
        .getByRole('link', { name: 'Trygghet för förtroendevalda' })
        .waitFor(),
    );
    const representative = await suite.signedInPage('skyddsombud');
    const roles = representative.getByRole('region', { name: 'Dina roller' });
    await bothWidths(representative, 'the safety representative', async () => {
      await expect(roles.getByText('Skyddsombud').count()).resolves.toBe(1);
      await expect(roles.getByRole('link').count()).resolves.toBeGreaterThan(0);
    });
  });

  it('says "not found" for an address that names nothing, with a way back', async () => {
    const page = await suite.signedInPage('strateg');
    for (const path of [
      '/program/inte-ett-id',
      '/tillfallen/00000000-0000-4000-8000-000000000000',
    ]) {
      await page.goto(`${suite.base}${path}`);
      const alert = page.getByRole('alert');
      await expect(alert.textContent()).resolves.toBe(
        'Det du söker finns inte, eller så saknar du behörighet.',
      );
      await page.getByRole('link', { name: 'Till startsidan' }).waitFor();
    }
    await page.context().close();
  });
});
