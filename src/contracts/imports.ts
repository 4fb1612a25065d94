import { z } from 'zod';
import { ErrorParams, PROBLEM_CODES } from './errors.ts';

export const ImportKind = z.enum(['units', 'people', 'seats']);
export type ImportKind = z.infer<typeof ImportKind>;
export const ImportMode = z.enum(['full', 'partial']);

/** A problem of the file: its row, its column as the file's header names it, and what is wrong. */
export const RowProblem = z.object({
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  code: z.enum(PROBLEM_CODES),
  params: ErrorParams.optional(),
  /** In English; people read the code's translation. */
  message: z.string(),
});

export const FieldChange = z.object({
  field: z.string(),
  before: z.union([z.string(), z.boolean(), z.null()]),
  after: z.union([z.string(), z.boolean(), z.null()]),
});

/** joiner, mover, changed, leaver (people); created, changed, closed, kept_open (units);
 *  created, changed, ended (seats). */
export const ChangeLabel = z.enum([
  'joiner',
  'mover',
  'changed',
  'leaver',
  'created',
  'closed',
  'kept_open',
  'ended',
]);
export type ChangeLabel = z.infer<typeof ChangeLabel>;

export const PlannedChange = z.object({
  label: ChangeLabel,
  row: z.number().int().nullable(),
  key: z.string(),
  name: z.string(),
  /** English, for the command line and logs. */
  details: z.string(),
  /** The same facts, for the web to phrase in the reader's language (keys depend on `label`). */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  fields: z.array(FieldChange),
});
export type PlannedChange = z.infer<typeof PlannedChange>;

/** The counts every import reports; also the CLI's `--json` output (with `errors`). */
export const ImportCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  ended: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportPreview = z.object({
  kind: ImportKind,
  fileName: z.string(),
  mode: ImportMode,
  effectiveDate: z.string(),
  counts: ImportCounts,
  changes: z.array(PlannedChange),
  errors: z.array(RowProblem),
  /** All errors, also those beyond the listed first thousand. */
  errorTotal: z.number().int(),
  /** A full people import that would end more than 10 % of the active staff needs confirming. */
  leaverGuard: z
    .object({ leaving: z.number().int(), active: z.number().int(), blocked: z.boolean() })
    .nullable(),
  canApply: z.boolean(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportRun = z.object({
  id: z.string(),
  kind: ImportKind,
  mode: ImportMode,
  fileName: z.string(),
  effectiveDate: z.string(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  counts: ImportCounts,
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
});
export type ImportRun = z.infer<typeof ImportRun>;

export const ImportResult = ImportPreview.extend({
  run: ImportRun,
  /** The accounts made for the people the import touched (null: not asked for). */
  accounts: z.object({ created: z.number(), skipped: z.number() }).nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** field → the header to read it from; overrides the default recognition. */
export const ColumnMapping = z.record(z.string().max(60), z.string().max(200));
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const ImportQuery = z.strictObject({
  mode: ImportMode.default('full'),
  fileName: z.string().min(1).max(255),
  effectiveDate: z.iso.date().optional(),
  confirmLeavers: z.enum(['true', 'false']).default('false'),
  /**
   * After a people or seats import, make accounts (named by e-mail, no password: single
   * sign-on) for the people it touched who have none.
   */
  createAccounts: z.enum(['true', 'false']).default('false'),
  /** A saved profile by name, or a mapping as JSON (the wizard's mapping step). */
  profile: z.string().max(100).optional(),
  mapping: z.string().max(4000).optional(),
});

export const ColumnsResponse = z.object({
  headers: z.array(z.string()),
  fields: z.array(
    z.object({ field: z.string(), required: z.boolean(), header: z.string().nullable() }),
  ),
});
export type ColumnsResponse = z.infer<typeof ColumnsResponse>;

export const ImportProfile = z.object({
  id: z.string(),
  kind: ImportKind,
  name: z.string(),
  mapping: ColumnMapping,
});
export type ImportProfile = z.infer<typeof ImportProfile>;

export const SaveProfileRequest = z.strictObject({
  kind: z.enum(['units', 'people', 'seats']),
  name: z.string().trim().min(1).max(100),
  mapping: ColumnMapping,
});
