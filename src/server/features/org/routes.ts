import {
  BodySeats,
  IdParams,
  OrganisationResponse,
  PeopleSearchQuery,
  PeopleSearchResult,
  PersonDetail,
  UnitDetail,
  UnitHistory,
  UnitPeople,
} from '../../../contracts/org.ts';
import type { BodyId, PersonId, UnitId } from '../../../domain/ids.ts';
import { signedIn } from '../../auth/actor.ts';
import { actorOf, type App } from '../../http/route-types.ts';
import type { OrgService } from './service.ts';

const tags = ['organisation'];

export function orgRoutes(app: App, org: OrgService) {
  app.get('/api/org', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'The organisation tree and the political bodies',
      response: { 200: OrganisationResponse },
    },
    handler: (request) => org.organisation(actorOf(request)),
  });

  app.get('/api/org/units/:id', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'One unit with its path, sub-units and managers',
      params: IdParams,
      response: { 200: UnitDetail },
    },
    handler: (request) => org.unit(actorOf(request), request.params.id as UnitId),
  });

  app.get('/api/org/units/:id/people', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "The unit's current staff (administrators, programme owners, the unit's managers)",
      params: IdParams,
      response: { 200: UnitPeople },
    },
    handler: (request) => org.unitPeople(actorOf(request), request.params.id as UnitId),
  });

  app.get('/api/org/units/:id/history', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "The unit's recorded changes (administrators, programme owners)",
      params: IdParams,
      response: { 200: UnitHistory },
    },
    handler: (request) => org.unitHistory(actorOf(request), request.params.id as UnitId),
  });

  app.get('/api/org/people', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Find people by name, employee number or e-mail (among those the caller may see)',
      querystring: PeopleSearchQuery,
      response: { 200: PeopleSearchResult },
    },
    handler: (request) => org.searchPeople(actorOf(request), request.query.q),
  });

  app.get('/api/org/people/:id', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "A person's employments and seats (for those who may see them)",
      params: IdParams,
      response: { 200: PersonDetail },
    },
    handler: (request) => org.person(actorOf(request), request.params.id as PersonId),
  });

  app.get('/api/org/bodies/:id', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'A political body and its current seats',
      params: IdParams,
      response: { 200: BodySeats },
    },
    handler: (request) => org.bodySeats(actorOf(request), request.params.id as BodyId),
  });
}
