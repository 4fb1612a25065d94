import type { ReminderPreview, ReminderRuleView } from '../../../contracts/notifications.ts';
import { addDays, stockholmDate } from '../../../domain/dates.ts';
import { EVERYONE, mayManageProgramme } from '../../../domain/policy.ts';
import {
  DEFAULT_REMINDER_RULE,
  reminderFor,
  type ReminderRule,
} from '../../../domain/reminders.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import { programmeFor } from '../../policies/authorize.ts';
import * as repo from './due-repository.ts';

/**
 * A programme's reminder rule for those who manage it, with its dry run: how many people the
 * next morning's run would tell "due soon" and "overdue" by a rule, and how many of them have an
 * account (only they receive it). Changing it is audited.
 */
export function createReminderRuleService(db: Db, clock: () => Date = () => new Date()) {
  async function preview(actor: Actor, programmeId: string, rule: ReminderRule) {
    const asOf = stockholmDate(clock());
    const due = await repo.dueInReach(db, {
      tenantId: actor.tenantId,
      reach: EVERYONE,
      asOf,
      until: addDays(asOf, rule.dueSoonDays ?? 0),
      except: null,
      programmeId,
    });
    const accounts = await repo.withAccounts(
      db,
      actor.tenantId,
      due.map((row) => row.person_id),
    );
    const result: ReminderPreview = {
      dueSoon: { people: 0, withAccount: 0 },
      overdue: { people: 0, withAccount: 0 },
    };
    for (const row of due) {
      const reminder = reminderFor(rule, row.due_on, asOf);
      if (!reminder) continue;
      const counts = reminder.event === 'due_soon' ? result.dueSoon : result.overdue;
      counts.people += 1;
      if (accounts.has(row.person_id)) counts.withAccount += 1;
    }
    return result;
  }

  async function view(actor: Actor, programmeId: string): Promise<ReminderRuleView> {
    const set = (await repo.reminderRules(db, actor.tenantId)).get(programmeId);
    const rule = set ?? DEFAULT_REMINDER_RULE;
    return {
      rule,
      isDefault: set === undefined,
      preview: await preview(actor, programmeId, rule),
    };
  }

  return {
    async get(actor: Actor, programmeId: string) {
      await programmeFor(db, actor, programmeId, mayManageProgramme);
      return view(actor, programmeId);
    },

    async preview(actor: Actor, programmeId: string, rule: ReminderRule) {
      await programmeFor(db, actor, programmeId, mayManageProgramme);
      return preview(actor, programmeId, rule);
    },

    async save(actor: Actor, programmeId: string, rule: ReminderRule) {
      await programmeFor(db, actor, programmeId, mayManageProgramme);
      await withTransaction(db, async (trx) => {
        const before = await repo.reminderRuleOf(trx, actor.tenantId, programmeId);
        await repo.saveReminderRule(trx, actor.tenantId, programmeId, rule, actor.userId, clock());
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'programme.reminders',
          objectType: 'programme',
          objectId: programmeId,
          details: { before, after: rule },
        });
      });
      return view(actor, programmeId);
    },
  };
}
export type ReminderRuleService = ReturnType<typeof createReminderRuleService>;
