import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { publicAccess } from '../auth/actor.ts';
import type { App } from './route-types.ts';

/**
 * Serves the built React app: hashed assets with long caching, and index.html for every
 * other path that is not the API, so client-side routes survive a reload.
 */
export async function webRoutes(app: App, dir: string) {
  const webDir = resolve(dir);
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) {
    app.log.warn({ webDir }, 'web app not built; run `npm run build`');
    return;
  }
  await app.register(fastifyStatic, { root: webDir, serve: false });

  app.get('/assets/*', {
    config: { access: publicAccess },
    schema: { hide: true },
    handler: (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      return reply.sendFile(join('assets', file), { immutable: true, maxAge: '365d' });
    },
  });

  app.get('/*', {
    config: { access: publicAccess },
    schema: { hide: true },
    handler: (request, reply) => {
      if (request.url.startsWith('/api/')) {
        return reply.callNotFound();
      }
      const file = (request.params as { '*': string })['*'];
      if (/^[\w-]+\.(svg|ico|png|txt)$/.test(file) && existsSync(join(webDir, file))) {
        return reply.sendFile(file);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    },
  });
}
