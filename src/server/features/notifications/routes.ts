import {
  MailMessage,
  MailOutbox,
  MarkRead,
  NotificationChoicesBody,
  NotificationList,
} from '../../../contracts/notifications.ts';
import { IdParams } from '../../../contracts/org.ts';
import { z } from 'zod';
import { anyRole, signedIn } from '../../auth/actor.ts';
import { actorOf, type App } from '../../http/route-types.ts';
import type { NotificationService } from './service.ts';

const tags = ['notifications'];
const Unread = z.object({ unread: z.number() });
const admin = anyRole('administrator');

/** The caller's own notifications and choices, and the administrator's outbox. */
export function notificationRoutes(app: App, notifications: NotificationService) {
  app.get('/api/me/notifications', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "The caller's notifications, newest first, and how many are unread",
      response: { 200: NotificationList },
    },
    handler: (request) => notifications.list(actorOf(request)),
  });

  app.post('/api/me/notifications/read', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "Mark the caller's notifications up to an instant as read",
      body: MarkRead,
      response: { 200: Unread },
    },
    handler: (request) => notifications.markRead(actorOf(request), request.body.upTo),
  });

  app.get('/api/me/notification-choices', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'What reaches the caller by e-mail, and when',
      response: { 200: NotificationChoicesBody },
    },
    handler: (request) => notifications.choices(actorOf(request)),
  });

  app.put('/api/me/notification-choices', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Change what reaches the caller by e-mail, and when',
      body: NotificationChoicesBody,
      response: { 200: NotificationChoicesBody },
    },
    handler: (request) => notifications.saveChoices(actorOf(request), request.body),
  });

  app.get('/api/admin/mail', {
    config: { access: admin },
    schema: {
      tags,
      summary: "The municipality's mails (the outbox), how mail leaves, and failed jobs",
      response: { 200: MailOutbox },
    },
    handler: (request) => notifications.outbox(actorOf(request)),
  });

  app.get('/api/admin/mail/:id', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'One mail as it was written, plain text and HTML',
      params: IdParams,
      response: { 200: MailMessage },
    },
    handler: (request) => notifications.mail(actorOf(request), request.params.id),
  });
}
