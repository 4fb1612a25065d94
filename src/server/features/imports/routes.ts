import { z } from 'zod';
import {
  ColumnsResponse,
  ImportPreview,
  ImportProfile,
  ImportQuery,
  ImportResult,
  ImportRun,
  SaveProfileRequest,
} from '../../../contracts/imports.ts';
import { anyRole } from '../../auth/actor.ts';
import type { AuthService } from '../../auth/service.ts';
import { AppError } from '../../http/errors.ts';
import { actorOf, type App } from '../../http/route-types.ts';
import { acceptFileBodies, fileStream } from './file-body.ts';
import { SUPPORTED_KINDS, type ImportActor, type ImportService } from './service.ts';

const tags = ['imports'];
const admin = anyRole('administrator');
const KindParams = z.strictObject({ kind: z.enum(SUPPORTED_KINDS) });
export async function importRoutes(app: App, imports: ImportService, auth: AuthService) {
  await app.register((scope: App, _options, done) => {
    acceptFileBodies(scope);

    const fileInput = async (
      actor: ImportActor,
      kind: (typeof SUPPORTED_KINDS)[number],
      query: z.infer<typeof ImportQuery>,
      body: unknown,
    ) => {
      const source = fileStream(body);
      return {
        kind,
        fileName: query.fileName,
        source,
        mode: query.mode,
        confirmLeavers: query.confirmLeavers === 'true',
        createAccounts: query.createAccounts === 'true',
        profile: await imports.mappingFor(actor, kind, query),
        ...(query.effectiveDate ? { effectiveDate: query.effectiveDate } : {}),
      };
    };

    scope.post('/api/imports/:kind/columns', {
      config: { access: admin },
      bodyLimit: 250 * 1024 * 1024,
      schema: {
        tags,
        summary: "The file's headers and the column each field would be read from",
        params: KindParams,
        querystring: ImportQuery,
        response: { 200: ColumnsResponse },
      },
      handler: async (request) => {
        const actor = await actorFor(request);
        return imports.columns(
          await fileInput(actor, request.params.kind, request.query, request.body),
        );
      },
    });

    scope.post('/api/imports/:kind/preview', {
      config: { access: admin },
      bodyLimit: 250 * 1024 * 1024,
      schema: {
        tags,
        summary: 'What importing this file would change (nothing is written)',
        params: KindParams,
        querystring: ImportQuery,
        response: { 200: ImportPreview },
      },
      handler: async (request) => {
        const actor = await actorFor(request);
        return imports.preview(
          actor,
          await fileInput(actor, request.params.kind, request.query, request.body),
        );
      },
    });

    scope.post('/api/imports/:kind', {
      config: { access: admin },
      bodyLimit: 250 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Apply the file in one transaction; 422 with the preview when it has errors or needs confirming',
        params: KindParams,
        querystring: ImportQuery,
        response: { 200: ImportResult },
      },
      handler: async (request) => {
        const actor = await actorFor(request);
        const { preview, run, accounts } = await imports.apply(
          actor,
          await fileInput(actor, request.params.kind, request.query, request.body),
        );
        if (!run) {
          throw preview.errorTotal
            ? new AppError('import_has_errors', { errors: preview.errorTotal }, preview)
            : new AppError('import_needs_confirmation', {}, preview);
        }
        return { ...preview, run, accounts };
      },
    });
    done();
  });

  app.get('/api/imports', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Import history, newest first',
      response: { 200: z.object({ runs: z.array(ImportRun) }) },
    },
    handler: async (request) => ({ runs: await imports.history(await actorFor(request)) }),
  });

  app.get('/api/imports/:id', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'One import with its full change list',
      params: z.strictObject({ id: z.uuid() }),
      response: {
        200: z.object({
          run: ImportRun,
          changes: z.array(
            z.object({
              entity: z.string(),
              entityId: z.string(),
              action: z.string(),
              label: z.string(),
              row: z.number().nullable(),
              before: z.record(z.string(), z.unknown()).nullable(),
              after: z.record(z.string(), z.unknown()).nullable(),
            }),
          ),
        }),
      },
    },
    handler: async (request) => imports.changesOf(await actorFor(request), request.params.id),
  });

  app.get('/api/imports/profiles', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Saved column profiles',
      response: { 200: z.object({ profiles: z.array(ImportProfile) }) },
    },
    handler: async (request) => ({ profiles: await imports.profiles(await actorFor(request)) }),
  });

  app.put('/api/imports/profiles', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Save (or replace) a column profile by kind and name',
      body: SaveProfileRequest,
      response: { 200: ImportProfile },
    },
    handler: async (request) => imports.saveProfile(await actorFor(request), request.body),
  });

  app.delete('/api/imports/profiles/:id', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Delete a column profile',
      params: z.strictObject({ id: z.uuid() }),
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await imports.deleteProfile(await actorFor(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/imports/undo', {
    config: { access: admin },
    schema: { tags, summary: 'Undo the latest import', response: { 200: ImportRun } },
    handler: async (request) => imports.undoLatest(await actorFor(request)),
  });

  async function actorFor(request: {
    actor: Parameters<typeof actorOf>[0]['actor'];
  }): Promise<ImportActor> {
    const actor = actorOf(request);
    return {
      tenantId: actor.tenantId,
      userId: actor.userId,
      label: (await auth.me(actor)).user.displayName,
    };
  }
}
