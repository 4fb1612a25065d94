import type { Readable } from 'node:stream';
import type {
  ColumnsResponse,
  ImportCounts,
  ImportPreview,
  ImportProfile,
  ImportRun,
  PlannedChange,
} from '../../../contracts/imports.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import type { TenantId, UserId } from '../../../domain/ids.ts';
import { fieldsOf, matchColumns, type MappingProfile } from '../../../domain/imports/columns.ts';
import { leaverGuard, planPeople, readPersonRow } from '../../../domain/imports/people.ts';
import { duplicateIds, ProblemList } from '../../../domain/imports/problems.ts';
import { planSeats, readSeatRow } from '../../../domain/imports/seats.ts';
import { planUnits, readUnitRow } from '../../../domain/imports/units.ts';
import { audit } from '../../audit/log.ts';
import type { Db } from '../../db/connection.ts';
import { lockTenantOrganisation } from '../../db/locks.ts';
import { refreshStatistics, type ChangedRows } from '../../db/statistics.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError, invalid, notFound, presentRowProblems, problem } from '../../http/errors.ts';
import {
  assignmentChanges,
  forgetAssignmentsOf,
  syncAssignments,
  type SyncCounts,
} from '../programmes/public.ts';
import { accountsFromRegister } from '../users/public.ts';
import { applyPeoplePlan, describePeoplePlan, peopleCounts } from './people-import.ts';
import { discardRest, FileProblem, readMappedRows, readTable, type Cell } from './read-file.ts';
import * as repo from './repository.ts';
import { applySeatsPlan, describeSeatsPlan, seatsCounts } from './seats-import.ts';
import { applyUnitsPlan, describeUnitsPlan, unitsCounts } from './units-import.ts';

/** Who runs an import: a signed-in administrator, or the command line (no user). */
export interface ImportActor {
  tenantId: TenantId;
  userId: UserId | null;
  label: string;
}

export const SUPPORTED_KINDS = ['units', 'people', 'seats'] as const;
export type SupportedKind = (typeof SUPPORTED_KINDS)[number];

export interface ImportInput {
  kind: SupportedKind;
  fileName: string;
  source: Readable;
  mode: 'full' | 'partial';
  effectiveDate?: string;
  confirmLeavers?: boolean;
  /** Accounts for the people touched who have none (people and seats imports). */
  createAccounts?: boolean;
  profile?: MappingProfile;
}

const ROOT_CODE = 'KOMMUN';

/**
 * Reads and checks every row with `readRow`; the database is not touched. `keyOf` gives the
 * identity of a row, valid or not, so a duplicate of a broken row is still reported.
 */
async function readFile<T>(
  input: ImportInput,
  readRow: (row: number, cell: Cell, problems: ProblemList) => T | null,
  keyOf: (cell: Cell) => string,
  keyColumn: string,
): Promise<{ rows: T[]; problems: ProblemList }> {
  const problems = new ProblemList();
  const rows: T[] = [];
  const keys: { row: number; id: string }[] = [];
  const columns = await readMappedRows(input, problems, (rowNumber, cell) => {
    const key = keyOf(cell);
    if (key) keys.push({ row: rowNumber, id: key });
    const row = readRow(rowNumber, cell, problems);
    if (row) rows.push(row);
  });
  if (columns && rows.length === 0 && problems.total === 0) {
    problems.add(2, null, 'no_data_rows');
  }
  duplicateIds(keys, keyColumn, problems);
  return { rows, problems };
}

/** A mapping may only name fields of its kind, each with a header. */
function checkMapping(kind: SupportedKind, value: unknown, path: string): MappingProfile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(path, 'mapping_not_object');
  }
  const known = new Set(fieldsOf(kind).map((f) => f.field));
  const mapping: Record<string, string> = {};
  for (const [field, header] of Object.entries(value)) {
    if (!known.has(field)) {
      throw invalid(`${path}.${field}`, 'unknown_import_field', {
        field,
        kind,
        known: [...known].join(', '),
      });
    }
    if (typeof header !== 'string' || !header.trim()) {
      throw invalid(`${path}.${field}`, 'required');
    }
    mapping[field] = header;
  }
  return mapping;
}

/** Party is sensitive (political opinion): history shows that it changed, never the value. */
function withoutParty(values: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!values || !('party' in values)) return values;
  return { ...values, party: values.party === null ? null : '[sensitive]' };
}

function presentRun(row: Awaited<ReturnType<typeof repo.insertRun>>): ImportRun {
  const counts = row.counts as ImportCounts;
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    fileName: row.file_name,
    effectiveDate: row.effective_date,
    appliedAt: row.applied_at.toISOString(),
    appliedBy: row.actor_label,
    counts: {
      created: counts.created ?? 0,
      updated: counts.updated ?? 0,
      unchanged: counts.unchanged ?? 0,
      ended: counts.ended ?? 0,
    },
    undoneAt: row.undone_at ? row.undone_at.toISOString() : null,
    undoneBy: row.undone_by,
  };
}

/** The rows an import (or its undoing) wrote, by table, for the planner's statistics. */
function rowsChanged(entities: readonly repo.Entity[], synced: readonly SyncCounts[]): ChangedRows {
  const changed: ChangedRows = { assignments: assignmentChanges(synced) };
  for (const entity of entities) {
    const table = repo.TABLE_OF[entity];
    changed[table] = (changed[table] ?? 0) + 1;
  }
  return changed;
}

/**
 * Imports of units and people: preview and apply share one path, so what the preview shows
 * is what apply writes. Apply is one transaction under a per-tenant lock; a file with any
 * error, or a full import that would end too many people unconfirmed, writes nothing.
 */
export function createImportService(db: Db, clock: () => Date = () => new Date()) {
  interface Planned {
    changes: PlannedChange[];
    counts: ImportCounts;
    guard: ImportPreview['leaverGuard'];
    write: () => Promise<repo.ChangeRecord[]>;
  }

  /** Reads the file (outside any transaction) and returns how to plan it inside one. */
  async function prepare(actor: ImportActor, input: ImportInput, effectiveDate: string) {
    const { tenantId } = actor;
    const mode = input.mode;
    const text = (cell: Cell, field: string) => cell(field).trim();
    if (input.kind === 'people') {
      const open = new Set((await repo.openUnitIds(db, tenantId, effectiveDate)).keys());
      const file = await readFile(
        input,
        (row, cell, problems) => readPersonRow(row, cell, { knownUnitCodes: open }, problems),
        (cell) => text(cell, 'employee_id'),
        'employee_id',
      );
      return {
        problems: file.problems,
        plan: async (trx: Tx): Promise<Planned> => {
          const plan = planPeople(
            file.rows,
            await repo.loadEmployees(trx, tenantId, effectiveDate),
            { mode, effectiveDate, knownUnitCodes: open },
            await repo.officialsByEmail(trx, tenantId),
          );
          const unitIds = new Map(
            (await repo.loadUnits(trx, tenantId, effectiveDate)).map((u) => [u.code, u.id]),
          );
          return {
            changes: describePeoplePlan(plan),
            counts: peopleCounts(plan),
            guard: mode === 'full' ? leaverGuard(plan) : null,
            write: () => applyPeoplePlan(trx, tenantId, plan, unitIds),
          };
        },
      };
    }
    if (input.kind === 'units') {
      const file = await readFile(input, readUnitRow, (cell) => text(cell, 'code'), 'code');
      return {
        problems: file.problems,
        plan: async (trx: Tx): Promise<Planned> => {
          const current = await repo.loadUnits(trx, tenantId, effectiveDate);
          const plan = planUnits(
            file.rows,
            current,
            { mode, effectiveDate, rootCode: ROOT_CODE },
            file.problems,
          );
          const unitIds = new Map(current.map((u) => [u.code, u.id]));
          return {
            changes: describeUnitsPlan(plan),
            counts: unitsCounts(plan),
            guard: null,
            write: () => applyUnitsPlan(trx, tenantId, plan, unitIds, effectiveDate),
          };
        },
      };
    }
    const bodies = await repo.bodyIds(db, tenantId);
    const bodyCodes = new Set(bodies.keys());
    const seatKey = (cell: Cell) =>
      text(cell, 'official_id') && text(cell, 'body_code')
        ? `${text(cell, 'official_id')} in ${text(cell, 'body_code')}`
        : '';
    const file = await readFile(
      input,
      (row, cell, problems) => readSeatRow(row, cell, bodyCodes, problems),
      seatKey,
      'official_id',
    );
    return {
      problems: file.problems,
      plan: async (trx: Tx): Promise<Planned> => {
        const plan = planSeats(
          file.rows,
          await repo.loadKnownPeople(trx, tenantId),
          await repo.loadSeats(trx, tenantId, effectiveDate),
          { mode, effectiveDate },
        );
        return {
          changes: describeSeatsPlan(plan),
          counts: seatsCounts(plan),
          guard: null,
          write: () => applySeatsPlan(trx, tenantId, plan, bodies),
        };
      },
    };
  }

  async function run(
    actor: ImportActor,
    input: ImportInput,
    apply: boolean,
  ): Promise<{
    preview: ImportPreview;
    run: ImportRun | null;
    accounts: { created: number; skipped: number } | null;
  }> {
    if (!SUPPORTED_KINDS.includes(input.kind)) {
      throw invalid('kind', 'import_kind', {
        kind: String(input.kind),
        known: SUPPORTED_KINDS.join(', '),
      });
    }
    const effectiveDate = input.effectiveDate ?? stockholmDate(clock());
    const prepared = await prepare(actor, input, effectiveDate);

    const result = await withTransaction(db, async (trx: Tx) => {
      await lockTenantOrganisation(trx, actor.tenantId);
      const { changes, counts, guard, write } = await prepared.plan(trx);
      const problems = prepared.problems;
      const blocked = guard?.blocked === true && input.confirmLeavers !== true;
      const preview: ImportPreview = {
        kind: input.kind,
        fileName: input.fileName,
        mode: input.mode,
        effectiveDate,
        counts,
        changes,
        errors: presentRowProblems(problems.items),
        errorTotal: problems.total,
        leaverGuard: guard ? { ...guard, blocked } : null,
        canApply: problems.total === 0 && !blocked,
      };
      if (!apply || !preview.canApply) return { preview, run: null, changed: null, accounts: null };

      const records = await write();
      const runRow = await repo.insertRun(trx, {
        tenantId: actor.tenantId,
        kind: input.kind,
        mode: input.mode,
        fileName: input.fileName,
        effectiveDate,
        actorUserId: actor.userId,
        actorLabel: actor.label,
        counts,
      });
      await repo.insertChanges(trx, actor.tenantId, runRow.id, records);
      const touched = await repo.affectedPeople(trx, actor.tenantId, records);
      const synced = await syncAssignments(trx, actor.tenantId, stockholmDate(clock()), {
        personIds: touched,
      });
      const accounts =
        input.createAccounts && input.kind !== 'units'
          ? await accountsFromRegister(
              trx,
              actor,
              touched ? { personIds: touched } : { unitId: null },
              stockholmDate(clock()),
              true,
            )
          : null;
      await audit(trx, {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action: `import.${input.kind}`,
        objectType: 'import_run',
        objectId: runRow.id,
        details: {
          fileName: input.fileName,
          mode: input.mode,
          ...counts,
          ...(accounts ? { accountsCreated: accounts.create.length } : {}),
        },
      });
      return {
        preview,
        run: presentRun(runRow),
        accounts: accounts && {
          created: accounts.create.length,
          skipped: accounts.skipped.length,
        },
        changed: rowsChanged(
          records.map((r) => r.entity),
          synced,
        ),
      };
    });
    if (result.changed) await refreshStatistics(db, result.changed);
    return { preview: result.preview, run: result.run, accounts: result.accounts };
  }

  return {
    /** The header row and which column each field would be read from (the wizard's mapping step). */
    async columns(
      input: Pick<ImportInput, 'kind' | 'fileName' | 'source' | 'profile'>,
    ): Promise<ColumnsResponse> {
      let headers: string[] = [];
      try {
        for await (const record of readTable(input.source, input.fileName)) {
          headers = record.cells;
          break;
        }
      } catch (error) {
        if (error instanceof FileProblem)
          throw new AppError('validation_failed', {}, [
            problem(`row.${error.row ?? 1}`, error.code, error.params),
          ]);
        throw error;
      } finally {
        discardRest(input.source);
      }
      return { headers, fields: matchColumns(input.kind, headers, input.profile) };
    },

    /** A saved profile by name, or a mapping sent with the request, as a column profile. */
    async mappingFor(
      actor: ImportActor,
      kind: SupportedKind,
      request: { profile?: string | undefined; mapping?: string | undefined },
    ): Promise<MappingProfile> {
      if (request.mapping) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(request.mapping);
        } catch {
          throw invalid('querystring.mapping', 'not_json');
        }
        return checkMapping(kind, parsed, 'querystring.mapping');
      }
      if (!request.profile) return {};
      const saved = await repo.findProfile(db, actor.tenantId, kind, request.profile);
      if (!saved) throw notFound('profile');
      return saved.mapping;
    },

    async profiles(actor: ImportActor): Promise<ImportProfile[]> {
      return (await repo.listProfiles(db, actor.tenantId)).map((p) => ({
        id: p.id,
        kind: p.kind,
        name: p.name,
        mapping: p.mapping,
      }));
    },

    async saveProfile(
      actor: ImportActor,
      request: { kind: SupportedKind; name: string; mapping: Record<string, string> },
    ): Promise<ImportProfile> {
      const mapping = checkMapping(request.kind, request.mapping, 'body.mapping');
      return withTransaction(db, async (trx) => {
        const saved = await repo.saveProfile(trx, actor.tenantId, {
          kind: request.kind,
          name: request.name,
          mapping: mapping as Record<string, string>,
        });
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'import.profile.save',
          objectType: 'import_profile',
          objectId: saved.id,
          details: { kind: request.kind, name: request.name },
        });
        return { id: saved.id, kind: saved.kind, name: saved.name, mapping: saved.mapping };
      });
    },

    async deleteProfile(actor: ImportActor, id: string): Promise<void> {
      await withTransaction(db, async (trx) => {
        if (!(await repo.deleteProfile(trx, actor.tenantId, id))) throw notFound('profile');
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'import.profile.delete',
          objectType: 'import_profile',
          objectId: id,
        });
      });
    },

    preview: async (actor: ImportActor, input: ImportInput) =>
      (await run(actor, input, false)).preview,

    /** Applies the file, or explains why not: `run` is null when nothing was written. */
    apply: (actor: ImportActor, input: ImportInput) => run(actor, input, true),

    async history(actor: ImportActor): Promise<ImportRun[]> {
      return (await repo.listRuns(db, actor.tenantId)).map(presentRun);
    },

    async changesOf(actor: ImportActor, runId: string) {
      const found = await repo.findRun(db, actor.tenantId, runId);
      if (!found) throw notFound('import');
      const changes = await repo.runChanges(db, actor.tenantId, runId);
      return {
        run: presentRun(found),
        changes: changes.map((c) => ({
          entity: c.entity,
          entityId: c.entity_id,
          action: c.action,
          label: c.label,
          row: c.row_number,
          before: withoutParty(c.before),
          after: withoutParty(c.after),
        })),
      };
    },

    /** Reverses the latest import that is not yet undone, in one transaction. */
    async undoLatest(actor: ImportActor): Promise<ImportRun> {
      const undone = await withTransaction(db, async (trx) => {
        await lockTenantOrganisation(trx, actor.tenantId);
        const latest = await repo.latestUndoableRun(trx, actor.tenantId);
        if (!latest) throw notFound('import');
        const changes = await repo.runChanges(trx, actor.tenantId, latest.id);
        const affected = await repo.affectedPeople(
          trx,
          actor.tenantId,
          changes.map((c) => ({ entity: c.entity, entityId: c.entity_id })),
        );
        try {
          await forgetAssignmentsOf(
            trx,
            actor.tenantId,
            changes
              .filter((change) => change.entity === 'person' && change.action === 'create')
              .map((change) => change.entity_id),
          );
          for (const change of [...changes].reverse()) {
            if (change.action === 'create')
              await repo.deleteRow(trx, actor.tenantId, change.entity, change.entity_id);
            else if (change.before)
              await repo.updateRow(
                trx,
                actor.tenantId,
                change.entity,
                change.entity_id,
                change.before,
              );
          }
        } catch (error) {
          if ((error as { code?: string }).code === '23503') {
            throw new AppError('undo_blocked');
          }
          throw error;
        }
        const synced = await syncAssignments(trx, actor.tenantId, stockholmDate(clock()), {
          personIds: affected,
        });
        await repo.markUndone(trx, actor.tenantId, latest.id, actor.label, clock());
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'import.undo',
          objectType: 'import_run',
          objectId: latest.id,
        });
        const updated = await repo.findRun(trx, actor.tenantId, latest.id);
        if (!updated) throw new Error('undone run vanished');
        return {
          run: presentRun(updated),
          changed: rowsChanged(
            changes.map((c) => c.entity),
            synced,
          ),
        };
      });
      await refreshStatistics(db, undone.changed);
      return undone.run;
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
