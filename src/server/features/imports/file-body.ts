import type { Readable } from 'node:stream';
import { AppError } from '../../http/errors.ts';
import type { App } from '../../http/route-types.ts';

/**
 * The file types an import takes as its raw request body, streamed and never buffered whole.
 * None is one a cross-site form can send (text/plain, form encodings), so a page on another
 * site cannot make a signed-in browser post a file here.
 */
export const FILE_TYPES = [
  'text/csv',
  'application/octet-stream',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** Lets the routes of `scope` take a file as a stream. */
export function acceptFileBodies(scope: App) {
  scope.addContentTypeParser(FILE_TYPES, (_request, payload, done) => done(null, payload));
}

/** The request's file, or a refusal naming the types taken. */
export function fileStream(body: unknown): Readable {
  if (!body || typeof (body as Readable).pipe !== 'function')
    throw new AppError('unsupported_media_type', { accepted: FILE_TYPES.join(', ') });
  return body as Readable;
}
