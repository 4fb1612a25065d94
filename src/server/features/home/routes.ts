import { NavCounts, Overview } from '../../../contracts/home.ts';
import { signedIn } from '../../auth/actor.ts';
import { actorOf, type App } from '../../http/route-types.ts';
import type { HomeService } from './service.ts';

const tags = ['home'];

/** The start page and the menu's counts: each part decided by the feature it comes from. */
export function homeRoutes(app: App, home: HomeService) {
  app.get('/api/me/overview', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "The caller's day: their team, their programmes and what waits for them",
      response: { 200: Overview },
    },
    handler: (request) => home.overview(actorOf(request)),
  });

  app.get('/api/me/counts', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'What waits for the caller, for the counts beside the menu',
      response: { 200: NavCounts },
    },
    handler: (request) => home.counts(actorOf(request)),
  });
}
