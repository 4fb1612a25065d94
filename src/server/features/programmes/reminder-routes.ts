import {
  ReminderPreview,
  ReminderRuleBody,
  ReminderRuleView,
} from '../../../contracts/notifications.ts';
import { IdParams } from '../../../contracts/org.ts';
import { signedIn } from '../../auth/actor.ts';
import { actorOf, type App } from '../../http/route-types.ts';
import type { ReminderRuleService } from './reminder-rules.ts';

const tags = ['programmes'];

/** A programme's reminder rule and its dry run, for those who manage the programme. */
export function reminderRuleRoutes(app: App, rules: ReminderRuleService) {
  app.get('/api/programmes/:id/reminders', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "The programme's reminder rule and who the next morning's run would tell what",
      params: IdParams,
      response: { 200: ReminderRuleView },
    },
    handler: (request) => rules.get(actorOf(request), request.params.id),
  });

  app.post('/api/programmes/:id/reminders/preview', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'A dry run of a reminder rule: who would be told what, nothing saved or sent',
      params: IdParams,
      body: ReminderRuleBody,
      response: { 200: ReminderPreview },
    },
    handler: (request) => rules.preview(actorOf(request), request.params.id, request.body),
  });

  app.put('/api/programmes/:id/reminders', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "Change the programme's reminder rule (audited)",
      params: IdParams,
      body: ReminderRuleBody,
      response: { 200: ReminderRuleView },
    },
    handler: (request) => rules.save(actorOf(request), request.params.id, request.body),
  });
}
