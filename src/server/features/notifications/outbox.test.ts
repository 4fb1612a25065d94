import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { stockholmInstant, stockholmLocal } from '../../../domain/dates.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { seedDemo } from '../demo/seed.ts';
import { notify, type Notice } from './public.ts';

describe.each(BACKENDS)('the outbox on %s', (backend) => {
  let database: TestDatabase;
  let tenantId: TenantId;
  /** The demo employee's account and person. */
  let employee = { userId: '', personId: '' };

  beforeAll(async () => {
    database = await freshDatabase(backend);
    await seedDemo(database.db, { employees: 150, seed: 7 });
    const user = await database.db
      .selectFrom('users')
      .select(['id', 'tenant_id', 'person_id'])
      .where('username', '=', 'anstalld')
      .executeTakeFirstOrThrow();
    tenantId = user.tenant_id as TenantId;
    employee = { userId: user.id, personId: user.person_id ?? '' };
  });
  afterAll(async () => {
    await database.close();
  });

  const notice = (over: Partial<Notice> = {}): Notice => ({
    personId: employee.personId,
    event: 'booking_confirmed',
    subject: 'booking-1',
    period: '2026-12-10T08:00',
    link: '/utbildning',
    payload: { course: 'Gruppsamtal' },
    ...over,
  });
  const put = (notices: Notice[], now: Date) =>
    database.db.transaction().execute((trx) => notify(trx, tenantId, notices, now));
  const rows = (subject: string) =>
    database.db
      .selectFrom('notifications')
      .select(['recipient_id', 'event', 'due_at', 'sent_at'])
      .where('dedup_key', 'like', `%|${subject}|%`)
      .execute();

  it('writes a notice once for the same recipient, event, subject and period', async () => {
    const now = stockholmInstant('2026-12-04T10:00');
    expect(await put([notice()], now)).toBe(1);
    expect(await put([notice(), notice()], now)).toBe(0);
    expect(await put([notice({ period: '2026-12-11T08:00' })], now)).toBe(1);
    const written = await rows('booking-1');
    expect(written).toHaveLength(2);
    expect(written.every((r) => r.recipient_id === employee.userId && r.sent_at === null)).toBe(
      true,
    );
  });

  it('writes nothing when the event is undone with its transaction', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await notify(trx, tenantId, [notice({ subject: 'undone' })], new Date());
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await rows('undone')).toEqual([]);
  });

  it("is due when the person's choices let it go; a notice the law requires at once", async () => {
    // The defaults: a daily digest at 07:00, quiet from 20:00 to 07:00.
    const evening = stockholmInstant('2026-12-04T21:30');
    await put(
      [notice({ subject: 'digest' }), notice({ subject: 'law', event: 'authority_notice' })],
      evening,
    );
    const [digest] = await rows('digest');
    expect(stockholmLocal(digest?.due_at ?? new Date(0))).toBe('2026-12-05T07:00');
    const [law] = await rows('law');
    expect(law?.due_at).toEqual(evening);

    // Their own choice: at once, no quiet hours.
    await database.db
      .insertInto('notification_choices')
      .values({ tenant_id: tenantId, user_id: employee.userId, cadence: 'immediate' })
      .execute();
    await put([notice({ subject: 'immediate' })], evening);
    const [immediate] = await rows('immediate');
    expect(immediate?.due_at).toEqual(evening);
  });

  it('notifies nobody for a person without an account', async () => {
    const person = await database.db
      .selectFrom('people')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('users').select('users.id').whereRef('users.person_id', '=', 'people.id'),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    expect(await put([notice({ personId: person.id, subject: 'nobody' })], new Date())).toBe(0);
  });
});
