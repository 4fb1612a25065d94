import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERNAMES } from '../../src/server/features/demo/seed.ts';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

const PHONE = { width: 375, height: 800 };
/** Pages of one kind (a session, a unit) are the same layout: one of each is visited per role. */
const pattern = (path: string) =>
  path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\?.*$/, '');

async function linksIn(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (anchors) =>
    anchors
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => href.startsWith('/') && !href.startsWith('/api/')),
  );
}

/**
 * Every page each demo role can reach from its menu, and the pages those link to, on a 375 px
 * phone: none may scroll sideways, and each kind of page passes axe.
 */
describe.skipIf(!browserAvailable)('every page on a phone', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;
  const scanned = new Set<string>();

  beforeAll(async () => {
    suite = await startBrowserSuite();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it.each([...DEMO_USERNAMES])(
    'as %s, no page is wider than the phone',
    async (role) => {
      const page = await suite.signedInPage(role);
      await page.setViewportSize(PHONE);
      const queue = [...(await linksIn(page, 'header a')), ...(await linksIn(page, 'main a'))];
      const seen = new Set<string>();
      const wide: string[] = [];
      while (queue.length > 0) {
        const path = queue.shift() ?? '/';
        const kind = pattern(path);
        if (seen.has(kind)) continue;
        seen.add(kind);
        await page.goto(`${suite.base}${path}`);
        await page.locator('main h1').waitFor();
        await page.waitForLoadState('networkidle');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > PHONE.width) wide.push(`${path}: ${width} px`);
        if (!scanned.has(kind)) {
          scanned.add(kind);
          await expectAccessible(page, `${kind} on a phone as ${role}`);
        }
        queue.push(...(await linksIn(page, 'main a')));
      }
      expect(wide).toEqual([]);
      // The crawl reached the role's own pages, not only the start page.
      expect(seen.size).toBeGreaterThan(4);
      await page.context().close();
    },
    120_000,
  );
});
