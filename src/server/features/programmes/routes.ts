import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  ApplyProgrammeResult,
  CompletionImportQuery,
  CompletionImportResult,
  CompletionInfo,
  CorrectCompletionRequest,
  DashboardQuery,
  DecisionRequest,
  ExemptionRequest,
  MissingExportQuery,
  MissingList,
  MissingQuery,
  MyTraining,
  PendingApprovals,
  PersonProgrammes,
  ProgrammeFile,
  ProgrammeList,
  ProgrammePeople,
  ProgrammePeopleQuery,
  ProgrammeProgress,
  ProgrammeStatus,
  ProgressQuery,
  RegisterCompletionRequest,
  ReusableCourses,
  SelfReportRequest,
} from '../../../contracts/programmes.ts';
import { signedIn } from '../../auth/actor.ts';
import { actorOf, type App } from '../../http/route-types.ts';
import { acceptFileBodies, fileStream } from '../imports/public.ts';
import type { createCompletionService } from './completions.ts';
import { progressCsv, progressXlsx } from './export.ts';
import { missingCsv, missingXlsx } from './missing-export.ts';
import { filtered, missingPage, type MissingListService } from './missing.ts';
import type { ProgrammeService } from './service.ts';

const tags = ['programmes'];
const StatusRequest = z.strictObject({ status: ProgrammeStatus });
const ExportQuery = ProgressQuery.extend({
  format: z.enum(['csv', 'xlsx']),
  lang: z.enum(['sv', 'en']).default('sv'),
});
const Params = z.strictObject({ id: z.uuid() });
/** A 10 MB certificate is about 13.4 MB as base64. */
const SELF_REPORT_LIMIT = 15 * 1024 * 1024;

/**
 * Access is decided per programme and person in the services (owners, approvers, managers'
 * scopes), so the routes only require a signed-in user.
 */
export function programmeRoutes(
  app: App,
  programmes: ProgrammeService,
  completions: ReturnType<typeof createCompletionService>,
  missing: MissingListService,
) {
  app.get('/api/programmes', {
    config: { access: signedIn },
    schema: { tags, summary: 'Programmes the caller may follow', response: { 200: ProgrammeList } },
    handler: (request) => programmes.list(actorOf(request)),
  });

  app.get('/api/courses', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "Courses of the municipality's programmes, to start a new programme's course from",
      response: { 200: ReusableCourses },
    },
    handler: (request) => programmes.reusableCourses(actorOf(request)),
  });

  app.put('/api/programmes', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Create or update a programme from its declarative file (by code)',
      body: ProgrammeFile,
      response: { 200: ApplyProgrammeResult },
    },
    handler: (request) => programmes.apply(actorOf(request), request.body),
  });

  app.get('/api/programmes/:id/file', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'The programme file the programme amounts to (PUT /api/programmes takes it back)',
      params: Params,
      response: { 200: ProgrammeFile },
    },
    handler: (request) => programmes.file(actorOf(request), request.params.id),
  });

  app.get('/api/programmes/:id/progress', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Progress of every target, per node, as of a date (figures only, never people)',
      params: Params,
      querystring: DashboardQuery,
      response: { 200: ProgrammeProgress },
    },
    // Checked against the contract and serialised once per data version (progressJson): Fastify
    // sends JSON text as it is, and the schema above still documents it.
    handler: async (request, reply) => {
      const json = await programmes.progressJson(
        actorOf(request),
        request.params.id,
        request.query,
      );
      return reply
        .type('application/json; charset=utf-8')
        .send(json as unknown as z.infer<typeof ProgrammeProgress>);
    },
  });

  app.get('/api/programmes/:id/progress/export', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "The dashboard's tables as CSV or XLSX (figures only, never people)",
      params: Params,
      querystring: ExportQuery,
    },
    handler: async (request, reply) => {
      const { format, lang, at } = request.query;
      const progress = await programmes.progress(actorOf(request), request.params.id, at);
      const name = `${progress.programme.code}-${progress.asOf}.${format}`;
      reply
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .header('Cache-Control', 'private, no-store');
      if (format === 'csv')
        return reply.type('text/csv; charset=utf-8').send(progressCsv(progress, lang));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await progressXlsx(progress, lang));
    },
  });

  app.get('/api/programmes/:id/missing', {
    config: { access: signedIn },
    schema: {
      tags,
      summary:
        "Who is missing: everyone assigned within the caller's reach, person by person, with where each stands on every course",
      params: Params,
      querystring: MissingQuery,
      response: { 200: MissingList },
    },
    handler: async (request) => {
      const { node, ...rest } = request.query;
      const list = await missing.open(actorOf(request), request.params.id, node);
      return missingPage(list, rest);
    },
  });

  app.get('/api/programmes/:id/missing/export', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Who is missing as CSV or XLSX, streamed in tree order',
      params: Params,
      querystring: MissingExportQuery,
    },
    handler: async (request, reply) => {
      const { node, format, lang, status, q } = request.query;
      const list = await missing.open(actorOf(request), request.params.id, node);
      const people = filtered(list.chunks(), { status, q });
      reply
        .header(
          'Content-Disposition',
          `attachment; filename="${list.programme.code}-${lang === 'sv' ? 'saknas' : 'missing'}-${list.asOf}.${format}"`,
        )
        .header('Cache-Control', 'private, no-store');
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .send(Readable.from(missingCsv(list.courses, people, lang)));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(missingXlsx(list.programme.code, list.courses, people, lang));
    },
  });

  app.get('/api/programmes/:id/people', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "A manager's own people in the programme: who is done and who is not yet",
      params: Params,
      querystring: ProgrammePeopleQuery,
      response: { 200: ProgrammePeople },
    },
    handler: (request) =>
      programmes.people(actorOf(request), request.params.id, request.query.unit),
  });

  app.post('/api/programmes/:id/status', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Activate a draft (assigns its audience), end a programme, or take it back to draft',
      params: Params,
      body: StatusRequest,
      response: { 200: z.object({ status: ProgrammeStatus, assigned: z.number() }) },
    },
    handler: (request) =>
      programmes.setStatus(actorOf(request), request.params.id, request.body.status),
  });

  app.get('/api/people/:id/programmes', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: "A person's programmes: in the audience or not, and why; assignment; completions",
      params: Params,
      response: { 200: PersonProgrammes },
    },
    handler: (request) => programmes.personProgrammes(actorOf(request), request.params.id),
  });

  void app.register((scope: App, _options, done) => {
    acceptFileBodies(scope);
    scope.post('/api/programmes/:id/completions/import', {
      config: { access: signedIn },
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "Import a provider's list of completions for one course (dryRun=true: the preview only)",
        params: Params,
        querystring: CompletionImportQuery,
        response: { 200: CompletionImportResult },
      },
      handler: (request) =>
        completions.importFile(actorOf(request), request.params.id, {
          courseCode: request.query.course,
          fileName: request.query.fileName,
          source: fileStream(request.body),
          dryRun: request.query.dryRun !== 'false',
        }),
    });
    done();
  });

  app.post('/api/programmes/:id/exemptions', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Exempt a person from the programme with a reason (empty reason: lift it)',
      params: Params,
      body: ExemptionRequest,
      response: { 200: z.object({ exempt: z.boolean() }) },
    },
    handler: (request) => programmes.exempt(actorOf(request), request.params.id, request.body),
  });

  app.get('/api/me/training', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'My training: what is assigned, due when, how to complete it, and history',
      response: { 200: MyTraining },
    },
    // Checked against the contract and serialised once per data version and day.
    handler: async (request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .send((await completions.myTrainingJson(actorOf(request))) as unknown as MyTraining),
  });

  app.post('/api/me/completions', {
    config: { access: signedIn },
    bodyLimit: SELF_REPORT_LIMIT,
    schema: {
      tags,
      summary: 'Report a web course or e-learning done, with a certificate where asked for',
      body: SelfReportRequest,
      response: { 200: CompletionInfo },
    },
    handler: (request) => completions.selfReport(actorOf(request), request.body),
  });

  app.get('/api/approvals', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Completions waiting for the caller to accept or reject',
      response: { 200: PendingApprovals },
    },
    handler: (request) => completions.pendingApprovals(actorOf(request)),
  });

  app.post('/api/completions/:id/decision', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Accept or reject a self-reported completion',
      params: Params,
      body: DecisionRequest,
      response: { 200: CompletionInfo },
    },
    handler: (request) => completions.decide(actorOf(request), request.params.id, request.body),
  });

  app.post('/api/completions', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Register a completion by hand (programme owners)',
      body: RegisterCompletionRequest,
      response: { 200: CompletionInfo },
    },
    handler: (request) => completions.register(actorOf(request), request.body),
  });

  app.post('/api/completions/:id/correction', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Void a completion with a reason, or correct its date (audited, never overwritten)',
      params: Params,
      body: CorrectCompletionRequest,
      response: { 200: CompletionInfo },
    },
    handler: (request) => completions.correct(actorOf(request), request.params.id, request.body),
  });

  app.get('/api/evidence/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'A certificate (download)', params: Params },
    handler: async (request, reply) => {
      const file = await completions.evidence(actorOf(request), request.params.id);
      return reply
        .header('Content-Type', file.content_type)
        .header(
          'Content-Disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
        )
        .header('Cache-Control', 'private, no-store')
        .send(Buffer.from(file.content));
    },
  });
}
