import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, startBrowserSuite } from '../helpers/browser.ts';

/** An administrator manages accounts in the web: create, roles, password, disable, the register. */
describe.skipIf(!browserAvailable)('account administration', () => {
  let suite: Awaited<ReturnType<typeof startBrowserSuite>>;
  beforeAll(async () => {
    suite = await startBrowserSuite();
  });
  afterAll(async () => {
    await suite?.close();
  });

  const signIn = async (username: string, password: string) => {
    const response = await suite.t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
    });
    return response.statusCode;
  };

  it.each([1280, 375])(
    'creates a manager for a unit, makes a password and disables the account (%i px)',
    async (width) => {
      const username = `ny.chef.${width}`;
      const page = await suite.signedInPage('admin');
      await page.setViewportSize({ width, height: 900 });
      page.on('dialog', (dialog) => void dialog.accept());
      if (width < 600) await page.getByRole('button', { name: 'Meny' }).click();
      await page.getByRole('link', { name: 'Konton', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Konton' }).waitFor();
      await expectAccessible(page, `accounts ${width}`);
      await page.getByRole('link', { name: 'Nytt konto' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nytt konto' }).waitFor();
      await page.getByLabel('Namn', { exact: true }).fill('Nina Chef');
      await page.getByLabel('Användarnamn').fill(username);
      await page.getByLabel('Lösenord', { exact: true }).fill('ett långt lösenord');
      await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Chef' });
      await expectAccessible(page, `new account ${width}`);

      // A manager without a unit is refused, naming the field.
      await page.getByRole('button', { name: 'Skapa kontot' }).click();
      await page.getByRole('alert').filter({ hasText: 'Enhet' }).waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('välj den enhet rollen gäller');

      const scope = page.getByRole('group', { name: 'Enhet som rollen gäller' });
      await scope.getByLabel('Sök enhet').fill('social');
      await scope.getByRole('radio', { name: 'Socialkontoret', exact: true }).check();
      await scope.getByRole('status').filter({ hasText: 'Valda: Socialkontoret' }).waitFor();
      await page.getByRole('button', { name: 'Skapa kontot' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nina Chef' }).waitFor();
      await page.getByText('Chef – Socialkontoret').waitFor();
      await page.getByText('Kontot skapades med rollen Chef för Socialkontoret.').waitFor();
      expect(await signIn(username, 'ett långt lösenord')).toBe(204);

      // A made password, shown once; the old one no longer works.
      await page.getByRole('button', { name: 'Sätt nytt lösenord' }).click();
      const made = page.locator('.made-password code');
      await made.waitFor();
      const password = (await made.textContent()) ?? '';
      expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect(await signIn(username, 'ett långt lösenord')).toBe(401);
      expect(await signIn(username, password)).toBe(204);
      await expectAccessible(page, `account ${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );

      await page.getByRole('button', { name: 'Stäng av kontot' }).click();
      await page.getByRole('button', { name: 'Aktivera kontot' }).waitFor();
      await page.getByText('Kontot stängdes av.').waitFor();
      expect(await signIn(username, password)).toBe(401);
      await page.reload();
      expect(await page.locator('.made-password').count()).toBe(0);
      await page.context().close();
    },
  );

  it('grants and withdraws a role, and will not let an administrator disable themselves', async () => {
    const page = await suite.signedInPage('admin');
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${suite.base}/administration/konton?q=anstalld&status=all`);
    await page
      .getByRole('link', {
        name: suite.t.seed.logins.find((l) => l.username === 'anstalld')?.displayName ?? '',
      })
      .click();
    const form = page.getByRole('group', { name: 'Ge en roll' });
    await form.getByLabel('Roll', { exact: true }).selectOption({ label: 'Skyddsombud' });
    await form.getByRole('button', { name: 'Lägg till' }).click();
    await page.getByText('Skyddsombud – hela kommunen').waitFor();
    await page.getByRole('button', { name: 'Ta bort rollen Skyddsombud' }).click();
    await page.getByText('Rollen Skyddsombud togs bort.').waitFor();
    expect(await page.getByText('Skyddsombud – hela kommunen').count()).toBe(0);

    await page.goto(`${suite.base}/administration/konton?q=admin`);
    await page.getByRole('link', { name: 'Systemadministratör' }).click();
    await page
      .getByText('Du kan inte stänga av ditt eget konto; be en annan administratör.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Stäng av kontot' }).count()).toBe(0);
    await page.context().close();
  });

  it('makes accounts for the people register: a preview, then all at once', async () => {
    const page = await suite.signedInPage('admin');
    await page.goto(`${suite.base}/administration/konton`);
    await page.getByRole('link', { name: 'Konton från personregistret' }).click();
    await page.getByRole('heading', { level: 1, name: 'Konton från personregistret' }).waitFor();
    const scope = page.getByRole('group', { name: 'Bara personer anställda i' });
    await scope.getByLabel('Sök enhet').fill('kultur');
    await scope.getByRole('radio', { name: 'Kultur- och fritidskontoret', exact: true }).check();
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    const summary = page.getByRole('status').filter({ hasText: 'skapas' });
    await summary.waitFor();
    await expectAccessible(page, 'accounts from the register');
    const apply = page.getByRole('button', { name: /^Skapa \d+ konto/ });
    const count = Number(/\d+/.exec((await apply.textContent()) ?? '')?.[0]);
    expect(count).toBeGreaterThan(0);
    const before = await accounts();
    await apply.click();
    await page.getByRole('heading', { name: /konto(n)? skapades/ }).waitFor();
    expect((await accounts()) - before).toBe(count);
    await page.context().close();
  });

  async function accounts() {
    const row = await suite.t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
});
