import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/features/demo/generator.ts';
import type { AppConfig } from '../../src/server/app.ts';
import { seededApp } from './app.ts';
import { chromiumPath, requireAll } from './env.ts';

export const browserAvailable = existsSync(chromiumPath) && existsSync('dist/web/index.html');
if (requireAll && !browserAvailable) {
  throw new Error(
    `The browser suite must run: need ${chromiumPath} and a built web app (npm run build).`,
  );
}

/** Runs axe with the WCAG 2.1 A and AA rules and fails on any violation. */
export async function expectAccessible(page: Page, label: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** A seeded demo behind a listening app, and a headless Chromium to visit it. */
export async function startBrowserSuite(config: Partial<AppConfig> = {}, clock?: () => Date) {
  const t = await seededApp('pglite', { webDir: 'dist/web', ...config }, clock);
  const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

  async function newPage() {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  async function signedInPage(username: string) {
    const page = await newPage();
    await page.goto(`${base}/logga-in`);
    await page.getByLabel('Användarnamn').fill(username);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: /^Välkommen/ }).waitFor();
    return page;
  }

  return {
    t,
    base,
    newPage,
    signedInPage,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}
