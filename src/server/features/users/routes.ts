import {
  AccountDetail,
  AccountId,
  AccountList,
  AccountListQuery,
  AccountParams,
  CreateAccountRequest,
  FromPeoplePlan,
  FromPeopleQuery,
  FromPeopleRequest,
  GrantParams,
  GrantRequest,
  PasswordRequest,
  PasswordReset,
  UpdateAccountRequest,
} from '../../../contracts/users.ts';
import { anyRole } from '../../auth/actor.ts';
import { actorOf, type App } from '../../http/route-types.ts';
import type { AccountService } from './admin.ts';

const tags = ['accounts (administration)'];
const admin = anyRole('administrator');

export function accountRoutes(app: App, accounts: AccountService) {
  app.get('/api/users', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Accounts, by name or account name, status and role (at most 200)',
      querystring: AccountListQuery,
      response: { 200: AccountList },
    },
    handler: (request) => accounts.list(actorOf(request), request.query),
  });

  app.post('/api/users', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Create an account with one role (a null password: single sign-on only)',
      body: CreateAccountRequest,
      response: { 200: AccountId },
    },
    handler: (request) => accounts.create(actorOf(request), request.body),
  });

  app.post('/api/users/from-people', {
    config: { access: admin },
    schema: {
      tags,
      summary: "Accounts for the people register's people without one, named by their e-mail",
      querystring: FromPeopleQuery,
      body: FromPeopleRequest,
      response: { 200: FromPeoplePlan },
    },
    handler: (request) =>
      accounts.fromPeople(actorOf(request), request.body, request.query.dryRun === 'false'),
  });

  app.get('/api/users/:id', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'One account: roles, person, sessions, last sign-in and its audit history',
      params: AccountParams,
      response: { 200: AccountDetail },
    },
    handler: (request) => accounts.detail(actorOf(request), request.params.id),
  });

  app.patch('/api/users/:id', {
    config: { access: admin },
    schema: {
      tags,
      summary: "Change an account's name or language, or link it to its person",
      params: AccountParams,
      body: UpdateAccountRequest,
      response: { 200: AccountId },
    },
    handler: (request) => accounts.update(actorOf(request), request.params.id, request.body),
  });

  app.post('/api/users/:id/disable', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Disable an account and end its sessions on every instance',
      params: AccountParams,
      response: { 200: AccountId },
    },
    handler: (request) => accounts.disable(actorOf(request), request.params.id),
  });

  app.post('/api/users/:id/enable', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Enable a disabled account',
      params: AccountParams,
      response: { 200: AccountId },
    },
    handler: (request) => accounts.enable(actorOf(request), request.params.id),
  });

  app.post('/api/users/:id/password', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Set a new password (or have one made, answered once) and end all sessions',
      params: AccountParams,
      body: PasswordRequest,
      response: { 200: PasswordReset },
    },
    handler: (request) => accounts.resetPassword(actorOf(request), request.params.id, request.body),
  });

  app.post('/api/users/:id/grants', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Grant a role, with its unit or political body',
      params: AccountParams,
      body: GrantRequest,
      response: { 200: AccountId },
    },
    handler: (request) => accounts.grant(actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/users/:id/grants/:grantId', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Withdraw a role',
      params: GrantParams,
      response: { 200: AccountId },
    },
    handler: (request) =>
      accounts.withdraw(actorOf(request), request.params.id, request.params.grantId),
  });
}
