import { z } from 'zod';
import {
  AttendanceRequest,
  BookRequest,
  CalendarFeed,
  Candidates,
  MySessions,
  ProgrammePlanning,
  ProgrammeSessions,
  ProgrammeTrainers,
  SessionChange,
  SessionDetail,
  SessionInput,
  TrainerRequest,
} from '../../../contracts/sessions.ts';
import { publicAccess, signedIn } from '../../auth/actor.ts';
import { actorOf, type App } from '../../http/route-types.ts';
import { attendancePdf } from './attendance-pdf.ts';
import type { AttendanceService } from './attendance.ts';
import type { BookingService } from './bookings.ts';
import type { CalendarService } from './feeds.ts';
import type { SessionService } from './service.ts';
import type { TrainerService } from './trainers.ts';

const tags = ['sessions'];
const Params = z.strictObject({ id: z.uuid() });
const NodeQuery = z.strictObject({ node: z.uuid().optional() });
const Saved = z.object({ saved: z.boolean() });
const SearchQuery = z.strictObject({ q: z.string().trim().min(2).max(100) });

/**
 * Access is decided per session and programme in the services (the session's trainers, the
 * programme's owners, managers for their own people), so the routes require a signed-in user;
 * the calendar feed is public and keyed by its unguessable token.
 */
export function sessionRoutes(
  app: App,
  services: {
    sessions: SessionService;
    bookings: BookingService;
    attendance: AttendanceService;
    trainers: TrainerService;
    calendars: CalendarService;
  },
) {
  const { sessions, bookings, attendance, trainers, calendars } = services;
  app.get('/api/me/sessions', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Sessions the caller can book, has booked and trains; the units they serve',
      response: { 200: MySessions },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      return { ...(await sessions.mine(actor)), serving: await trainers.serving(actor) };
    },
  });

  app.get('/api/programmes/:id/sessions', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "A programme's sessions and session courses (owners and trainers)",
      params: Params,
      response: { 200: ProgrammeSessions },
    },
    handler: (request) => sessions.ofProgramme(actorOf(request), request.params.id),
  });

  app.post('/api/sessions', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Schedule a session (qualified trainers and programme owners)',
      body: SessionInput,
      response: { 200: SessionDetail },
    },
    handler: (request) => sessions.create(actorOf(request), request.body),
  });

  app.get('/api/sessions/:id', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'One session; its participants only for its trainers and owners',
      params: Params,
      response: { 200: SessionDetail },
    },
    handler: (request) => sessions.get(actorOf(request), request.params.id),
  });

  app.patch('/api/sessions/:id', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Move, resize or cancel a session',
      params: Params,
      body: SessionChange,
      response: { 200: SessionDetail },
    },
    handler: (request) => sessions.update(actorOf(request), request.params.id, request.body),
  });

  app.get('/api/sessions/:id/candidates', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'People to add or book, by name or employee number',
      params: Params,
      querystring: SearchQuery,
      response: { 200: Candidates },
    },
    handler: (request) => bookings.candidates(actorOf(request), request.params.id, request.query.q),
  });

  app.post('/api/sessions/:id/bookings', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Book a seat (or a place in the queue when full)',
      params: Params,
      body: BookRequest,
      response: { 200: SessionDetail },
    },
    handler: (request) => bookings.book(actorOf(request), request.params.id, request.body.personId),
  });

  app.delete('/api/sessions/:id/bookings/:bookingId', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Cancel a booking; the first in the queue gets the seat',
      params: z.strictObject({ id: z.uuid(), bookingId: z.uuid() }),
      response: { 200: SessionDetail },
    },
    handler: (request) =>
      bookings.cancel(actorOf(request), request.params.id, request.params.bookingId),
  });

  app.put('/api/sessions/:id/attendance', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Mark a participant present or absent (present records the completion)',
      params: Params,
      body: AttendanceRequest,
      response: { 200: SessionDetail },
    },
    handler: (request) => attendance.mark(actorOf(request), request.params.id, request.body),
  });

  app.get('/api/sessions/:id/calendar.ics', {
    config: { access: signedIn },
    schema: { tags, summary: 'The session as a calendar file', params: Params },
    handler: async (request, reply) => {
      const text = await calendars.sessionFile(actorOf(request), request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="tillfalle.ics"')
        .header('Cache-Control', 'private, no-store')
        .send(text);
    },
  });

  app.get('/api/sessions/:id/attendance.pdf', {
    config: { access: signedIn },
    schema: { tags, summary: 'Printable attendance list (trainers, owners)', params: Params },
    handler: async (request, reply) => {
      const session = await sessions.attendanceSheet(actorOf(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('Content-Disposition', 'attachment; filename="narvarolista.pdf"')
        .header('Cache-Control', 'private, no-store')
        .send(await attendancePdf(session));
    },
  });

  app.get('/api/me/calendar-feed', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Whether the caller has a calendar feed',
      response: { 200: CalendarFeed },
    },
    handler: (request) => calendars.feedStatus(actorOf(request)),
  });

  app.post('/api/me/calendar-feed', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'A new calendar feed address (the old one stops working); shown only now',
      response: { 200: CalendarFeed },
    },
    handler: (request) => calendars.createFeed(actorOf(request)),
  });

  app.delete('/api/me/calendar-feed', {
    config: { access: signedIn },
    schema: { tags, summary: 'Revoke the calendar feed', response: { 200: CalendarFeed } },
    handler: (request) => calendars.revokeFeed(actorOf(request)),
  });

  app.get('/calendar/:file', {
    config: { access: publicAccess, rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'A subscribable calendar (the address is the key)',
      params: z.strictObject({ file: z.string().max(100) }),
    },
    handler: async (request, reply) => {
      const text = await calendars.feed(request.params.file.replace(/\.ics$/, ''));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('Cache-Control', 'private, max-age=300')
        .header('Referrer-Policy', 'no-referrer')
        .send(text);
    },
  });

  app.get('/api/programmes/:id/trainers', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "A programme's trainers and which units have one (level by level)",
      params: Params,
      querystring: NodeQuery,
      response: { 200: ProgrammeTrainers },
    },
    handler: (request) =>
      trainers.programmeTrainers(actorOf(request), request.params.id, request.query.node),
  });

  app.get('/api/programmes/:id/trainer-candidates', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'People to make trainers, by name or employee number (owners)',
      params: Params,
      querystring: SearchQuery,
      response: { 200: Candidates },
    },
    handler: (request) => trainers.candidates(actorOf(request), request.params.id, request.query.q),
  });

  app.put('/api/programmes/:id/trainers', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Register a trainer and set the units they serve (owners)',
      params: Params,
      body: TrainerRequest,
      response: { 200: Saved },
    },
    handler: (request) => trainers.save(actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/programmes/:id/trainers/:personId', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "End a trainer's registration and detach their units (owners)",
      params: z.strictObject({ id: z.uuid(), personId: z.uuid() }),
      response: { 200: Saved },
    },
    handler: (request) =>
      trainers.remove(actorOf(request), request.params.id, request.params.personId),
  });

  app.get('/api/programmes/:id/planning', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Sessions still needed per node to reach each target by its deadline',
      params: Params,
      querystring: NodeQuery,
      response: { 200: ProgrammePlanning },
    },
    handler: (request) =>
      trainers.planning(actorOf(request), request.params.id, request.query.node),
  });
}
