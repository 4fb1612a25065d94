import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from '../../../../test/helpers/app.ts';
import { BACKENDS } from '../../../../test/helpers/db.ts';
import type { ReminderRuleView } from '../../../contracts/notifications.ts';
import type { ProgrammeList } from '../../../contracts/programmes.ts';
import { DEFAULT_REMINDER_RULE } from '../../../domain/reminders.ts';
import { personalReminders } from './public.ts';

describe.each(BACKENDS)("a programme's reminder rule on %s", (backend) => {
  let t: Awaited<ReturnType<typeof seededApp>>;
  let owner = '';
  let programmeId = '';
  const url = () => `/api/programmes/${programmeId}/reminders`;

  beforeAll(async () => {
    t = await seededApp(backend);
    owner = await t.login('strateg');
    const list = await t.app.inject({ url: '/api/programmes', headers: { cookie: owner } });
    programmeId = list
      .json<ProgrammeList>()
      .programmes.find((p) => p.code === 'HOT-VALD-ARBETE')!.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts from the defaults, and its dry run is what the morning run then writes', async () => {
    const view = await t.app.inject({ url: url(), headers: { cookie: owner } });
    expect(view.statusCode).toBe(200);
    expect(view.json<ReminderRuleView>()).toMatchObject({
      rule: DEFAULT_REMINDER_RULE,
      isDefault: true,
    });
    const rule = { dueSoonDays: 90, overdueEveryDays: 30 };
    const dry = await t.app.inject({
      method: 'POST',
      url: `${url()}/preview`,
      headers: { cookie: owner },
      payload: rule,
    });
    const preview = dry.json<ReminderRuleView['preview']>();
    expect(preview.dueSoon.people + preview.overdue.people).toBeGreaterThan(0);
    // A dry run saves nothing.
    const still = await t.app.inject({ url: url(), headers: { cookie: owner } });
    expect(still.json<ReminderRuleView>().isDefault).toBe(true);

    const saved = await t.app.inject({
      method: 'PUT',
      url: url(),
      headers: { cookie: owner },
      payload: rule,
    });
    expect(saved.json<ReminderRuleView>()).toMatchObject({ rule, isDefault: false, preview });
    await t.db.deleteFrom('notifications').execute();
    await personalReminders(t.db, new Date());
    const written = await t.db
      .selectFrom('notifications')
      .select(['event'])
      .where('dedup_key', 'like', `%|${programmeId}|%`)
      .execute();
    const count = (event: string) => written.filter((row) => row.event === event).length;
    expect({ dueSoon: count('due_soon'), overdue: count('overdue') }).toEqual({
      dueSoon: preview.dueSoon.withAccount,
      overdue: preview.overdue.withAccount,
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'programme.reminders')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('turns a reminder off, and refuses a rule out of bounds, naming the field', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: url(),
      headers: { cookie: owner },
      payload: { dueSoonDays: 0, overdueEveryDays: 7 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'body.dueSoonDays' });
    const off = await t.app.inject({
      method: 'POST',
      url: `${url()}/preview`,
      headers: { cookie: owner },
      payload: { dueSoonDays: null, overdueEveryDays: null },
    });
    expect(off.json()).toEqual({
      dueSoon: { people: 0, withAccount: 0 },
      overdue: { people: 0, withAccount: 0 },
    });
  });
});
