import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { publicAccess } from './auth/actor.ts';
import {
  collectRoutes,
  cookieSettings,
  registerAccessControl,
  type RegisteredRoute,
} from './auth/policy.ts';
import { authRoutes } from './auth/routes.ts';
import { createAuthService } from './auth/service.ts';
import type { Config } from './config.ts';
import type { Db } from './db/connection.ts';
import { healthRoutes } from './features/health/routes.ts';
import { importRoutes } from './features/imports/routes.ts';
import { createImportService } from './features/imports/service.ts';
import { createAccountService } from './features/users/admin.ts';
import { accountRoutes } from './features/users/routes.ts';
import { orgEditRoutes } from './features/org/edit-routes.ts';
import { createOrgEditService } from './features/org/edit-service.ts';
import { orgRoutes } from './features/org/routes.ts';
import { createCompletionService } from './features/programmes/completions.ts';
import { homeRoutes } from './features/home/routes.ts';
import { notificationRoutes } from './features/notifications/routes.ts';
import { createNotificationService } from './features/notifications/service.ts';
import { createHomeService } from './features/home/service.ts';
import { logSlowRequests } from './http/logger.ts';
import { programmeRoutes } from './features/programmes/routes.ts';
import { createMissingList } from './features/programmes/missing.ts';
import { reminderRuleRoutes } from './features/programmes/reminder-routes.ts';
import { createReminderRuleService } from './features/programmes/reminder-rules.ts';
import { createProgrammeService } from './features/programmes/service.ts';
import { createOrgService } from './features/org/service.ts';
import { createAttendanceService } from './features/sessions/attendance.ts';
import { createBookingService } from './features/sessions/bookings.ts';
import { createCalendarService } from './features/sessions/feeds.ts';
import { sessionRoutes } from './features/sessions/routes.ts';
import { createSessionService } from './features/sessions/service.ts';
import { createTrainerService } from './features/sessions/trainers.ts';
import { registerErrorHandling } from './http/errors.ts';
import { registerNoStore, registerTextCheck } from './http/hardening.ts';
import type { App } from './http/route-types.ts';
import { webRoutes } from './http/web.ts';

export type AppConfig = Pick<
  Config,
  'publicUrl' | 'trustProxy' | 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'webDir'
> & { mail?: Pick<Config['mail'], 'smtpUrl' | 'smtpProblem'> };

export async function buildApp(
  db: Db,
  config: AppConfig,
  logger: FastifyServerOptions['logger'] = false,
  /** What "now" is for the features that depend on it (tests move it forward). */
  clock: () => Date = () => new Date(),
): Promise<App & { registeredRoutes: RegisteredRoute[] }> {
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  const registeredRoutes = collectRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerTextCheck(app);
  registerNoStore(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
    hsts: config.publicUrl.startsWith('https:'),
  });
  await app.register(fastifyCookie);
  // Per-instance limit by client address; the per-account throttle lives in the database.
  await app.register(fastifyRateLimit, { global: false });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Tryggve API',
        version: '1',
        description: 'Competence and safety programmes for Swedish municipalities.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (docs) => {
    // The explorer's own routes come from the plugin; they are public documentation.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: publicAccess };
    });
    await docs.register(fastifySwaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      transformStaticCSP: (header) =>
        header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
    });
  });
  app.get('/api/openapi.json', {
    config: { access: publicAccess },
    schema: { hide: true },
    handler: () => app.swagger(),
  });

  const auth = createAuthService(db, {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  });
  const cookie = cookieSettings(config.publicUrl);
  registerAccessControl(app, auth, cookie);
  logSlowRequests(app);

  healthRoutes(app, db);
  authRoutes(app, auth, cookie);
  orgRoutes(app, createOrgService(db, clock));
  orgEditRoutes(app, createOrgEditService(db, clock));
  accountRoutes(app, createAccountService(db, clock));
  await importRoutes(app, createImportService(db, clock), auth);
  const programmes = createProgrammeService(db, clock);
  const completions = createCompletionService(db, clock);
  programmeRoutes(app, programmes, completions, createMissingList(db, clock));
  reminderRuleRoutes(app, createReminderRuleService(db, clock));
  const attendance = createAttendanceService(db, clock);
  const trainers = createTrainerService(db, programmes, clock);
  sessionRoutes(app, {
    sessions: createSessionService(db, clock),
    bookings: createBookingService(db, clock),
    attendance,
    trainers,
    calendars: createCalendarService(db, config.publicUrl, clock),
  });
  const notifications = createNotificationService(
    db,
    config.mail ?? { smtpUrl: null, smtpProblem: null },
    clock,
  );
  notificationRoutes(app, notifications);
  homeRoutes(
    app,
    createHomeService(
      db,
      {
        unreadNotifications: (actor) => notifications.unread(actor),
        pendingApprovals: (actor) => completions.pendingCount(actor),
        attendanceMissing: (actor) => attendance.missingCount(actor),
        programmes: (actor) => programmes.list(actor),
        figuresFor: (actor, id) => programmes.figuresFor(actor, id),
        async unitsWithoutTrainer(actor, id) {
          const view = await trainers.programmeTrainers(actor, id, undefined);
          return view.trainerCourses.length > 0 || view.trainers.length > 0
            ? view.uncoveredUnits
            : null;
        },
      },
      clock,
    ),
  );
  if (config.webDir) await webRoutes(app, config.webDir);

  return Object.assign(app, { registeredRoutes });
}
