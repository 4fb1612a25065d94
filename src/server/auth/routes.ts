import { z } from 'zod';
import { LocaleRequest, LoginOptions, LoginRequest, Me } from '../../contracts/auth.ts';
import { actorOf, type App } from '../http/route-types.ts';
import { publicAccess, signedIn } from './actor.ts';
import { clearSessionCookie, setSessionCookie, type CookieSettings } from './policy.ts';
import type { AuthService } from './service.ts';

const NoContent = z.null().describe('No content');
const tags = ['auth'];

export function authRoutes(app: App, auth: AuthService, cookie: CookieSettings) {
  app.get('/api/auth/options', {
    config: { access: publicAccess },
    schema: { tags, summary: 'What the login form needs', response: { 200: LoginOptions } },
    handler: () => auth.loginOptions(),
  });

  app.post('/api/auth/login', {
    config: { access: publicAccess, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Sign in with a local account',
      body: LoginRequest,
      response: { 204: NoContent },
    },
    handler: async (request, reply) => {
      const session = await auth.login(request.body);
      setSessionCookie(reply, cookie, session.token, session.expiresAt);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/auth/logout', {
    config: { access: signedIn },
    schema: { tags, summary: 'End this session', response: { 204: NoContent } },
    handler: async (request, reply) => {
      await auth.logout(actorOf(request), request.sessionTokenHash ?? '');
      clearSessionCookie(reply, cookie);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/auth/me', {
    config: { access: signedIn },
    schema: { tags, summary: 'The signed-in user, tenant and roles', response: { 200: Me } },
    handler: (request) => auth.me(actorOf(request)),
  });

  app.put('/api/auth/me/locale', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Save the preferred language',
      body: LocaleRequest,
      response: { 204: NoContent },
    },
    handler: async (request, reply) => {
      await auth.setLocale(actorOf(request), request.body.locale);
      return reply.code(204).send(null);
    },
  });
}
