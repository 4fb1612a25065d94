import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmDate } from '../../src/domain/dates.ts';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

/**
 * What people see of the access rules in the browser: menus from their abilities, a committee
 * of one hidden on a board member's dashboard (on a desktop and on a phone), and a refusal said
 * in Swedish.
 */
describe.skipIf(!browserAvailable)('access in the browser', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;
  let hbtq = '';
  let vnr = '';

  beforeAll(async () => {
    suite = await startBrowserSuite();
    const { t } = suite;
    const admin = await t.login('admin');
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/org/bodies',
      headers: { cookie: admin },
      payload: { code: 'ENMANS', name: 'Enmansnämnden', kind: 'committee' },
    });
    const official = await t.db
      .selectFrom('people')
      .select('id')
      .where('employee_number', 'is', null)
      .executeTakeFirstOrThrow();
    await t.app.inject({
      method: 'POST',
      url: `/api/org/people/${official.id}/seats`,
      headers: { cookie: admin },
      payload: { bodyId: body.json<{ id: string }>().id, role: 'member', termStart: '2026-01-01' },
    });
    const ids = await t.db.selectFrom('programmes').select(['id', 'code']).execute();
    hbtq = ids.find((p) => p.code === 'HBTQ-2026')!.id;
    vnr = ids.find((p) => p.code === 'VNR-2025')!.id;
  });
  afterAll(async () => {
    await suite?.close();
  });

  it('hides a committee of one from a board member, on a desktop and on a phone', async () => {
    const member = await suite.signedInPage('fortroendevald');
    const nav = member.getByRole('navigation', { name: 'Huvudmeny' });
    await expect(nav.getByRole('link', { name: 'Program' }).count()).resolves.toBe(1);
    await expect(nav.getByRole('link', { name: 'Import' }).count()).resolves.toBe(0);
    await member.goto(`${suite.base}/program/${hbtq}`);
    const section = member.getByRole('region', {
      name: '30 % av de förtroendevalda i varje nämnd',
    });
    const row = section.getByRole('row', { name: /Enmansnämnden/ });
    await expect(row.textContent()).resolves.toContain('Visas inte');
    await expect(row.textContent()).resolves.not.toMatch(/\b1\b/);
    await expectAccessible(member, 'dashboard with a hidden committee');
    await member.setViewportSize({ width: 375, height: 800 });
    await row.waitFor();
    const width = await member.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await expectAccessible(member, 'dashboard with a hidden committee on a phone');
    await member.context().close();

    // The strategist, who may see the people, gets the figure.
    const strategist = await suite.signedInPage('strateg');
    await strategist.goto(`${suite.base}/program/${hbtq}`);
    const own = strategist
      .getByRole('region', { name: '30 % av de förtroendevalda i varje nämnd' })
      .getByRole('row', { name: /Enmansnämnden/ });
    await expect(own.textContent()).resolves.not.toContain('Visas inte');
    await strategist.context().close();
  });

  it('tells a trainer in Swedish what is wrong, naming the field', async () => {
    const trainer = await suite.signedInPage('utbildare');
    const nav = trainer.getByRole('navigation', { name: 'Huvudmeny' });
    await expect(nav.getByRole('link', { name: 'Import' }).count()).resolves.toBe(0);
    await trainer.goto(`${suite.base}/tillfallen/nytt?programme=${vnr}`);
    await trainer.getByRole('heading', { level: 1, name: 'Planera ett tillfälle' }).waitFor();
    const tomorrow = stockholmDate(new Date(Date.now() + 86_400_000));
    await trainer.getByLabel('Datum').fill(tomorrow);
    await trainer.getByLabel('Starttid').fill('11:00');
    await trainer.getByLabel('Sluttid').fill('09:00');
    await trainer.getByLabel('Plats', { exact: true }).fill('Konferensrum Eken');
    await trainer.getByRole('button', { name: 'Skapa tillfället' }).click();
    const alert = trainer.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(
      /^Kontrollera uppgifterna: Sluttid: slutar \(.*09:00\) före start \(.*11:00\)$/,
    );
    await expectAccessible(trainer, 'a refused session');
    await trainer.context().close();
  });
});
