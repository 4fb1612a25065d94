import { z } from 'zod';
import {
  AddEmploymentRequest,
  AddSeatRequest,
  CloseUnitRequest,
  CreateBodyRequest,
  Created,
  CreateUnitRequest,
  EndRequest,
  UpdatePersonRequest,
  UpdateUnitRequest,
} from '../../../contracts/org-edit.ts';
import type { PersonId, UnitId } from '../../../domain/ids.ts';
import { anyRole } from '../../auth/actor.ts';
import { actorOf, type App } from '../../http/route-types.ts';
import type { OrgEditService } from './edit-service.ts';

const tags = ['organisation (administration)'];
const admin = anyRole('administrator');
const Params = z.strictObject({ id: z.uuid() });

export function orgEditRoutes(app: App, edit: OrgEditService) {
  app.post('/api/org/bodies', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Create a political body (council, board or committee)',
      body: CreateBodyRequest,
      response: { 200: Created },
    },
    handler: (request) => edit.createBody(actorOf(request), request.body),
  });

  app.post('/api/org/units', {
    config: { access: admin },
    schema: { tags, summary: 'Create a unit', body: CreateUnitRequest, response: { 200: Created } },
    handler: (request) => edit.createUnit(actorOf(request), request.body),
  });

  app.patch('/api/org/units/:id', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Rename, move or retype a unit',
      params: Params,
      body: UpdateUnitRequest,
      response: { 200: Created },
    },
    handler: (request) =>
      edit.updateUnit(actorOf(request), request.params.id as UnitId, request.body),
  });

  app.post('/api/org/units/:id/close', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Close a unit that has no staff or open sub-units left',
      params: Params,
      body: CloseUnitRequest,
      response: { 200: Created },
    },
    handler: (request) =>
      edit.closeUnit(actorOf(request), request.params.id as UnitId, request.body.validTo),
  });

  app.patch('/api/org/people/:id', {
    config: { access: admin },
    schema: {
      tags,
      summary: "Correct a person's name or e-mail",
      params: Params,
      body: UpdatePersonRequest,
      response: { 200: Created },
    },
    handler: (request) =>
      edit.updatePerson(actorOf(request), request.params.id as PersonId, request.body),
  });

  app.post('/api/org/people/:id/employments', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Add an employment',
      params: Params,
      body: AddEmploymentRequest,
      response: { 200: Created },
    },
    handler: (request) =>
      edit.addEmployment(actorOf(request), request.params.id as PersonId, request.body),
  });

  app.post('/api/org/employments/:id/end', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'End an employment',
      params: Params,
      body: EndRequest,
      response: { 200: Created },
    },
    handler: (request) =>
      edit.endEmployment(actorOf(request), request.params.id, request.body.endDate),
  });

  app.post('/api/org/people/:id/seats', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Add a seat in a political body',
      params: Params,
      body: AddSeatRequest,
      response: { 200: Created },
    },
    handler: (request) =>
      edit.addSeat(actorOf(request), request.params.id as PersonId, request.body),
  });

  app.post('/api/org/people/:id/split', {
    config: { access: admin },
    schema: {
      tags,
      summary:
        'Separate an elected official wrongly matched to an employee; answers the new person',
      params: Params,
      response: { 200: Created },
    },
    handler: (request) => edit.splitPerson(actorOf(request), request.params.id as PersonId),
  });

  app.post('/api/org/seats/:id/end', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'End a seat',
      params: Params,
      body: EndRequest,
      response: { 200: Created },
    },
    handler: (request) => edit.endSeat(actorOf(request), request.params.id, request.body.endDate),
  });
}
