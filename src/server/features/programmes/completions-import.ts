import type { Readable } from 'node:stream';
import { stockholmDate } from '../../../domain/dates.ts';
import type { TenantId, UserId } from '../../../domain/ids.ts';
import type { Reach } from '../../../domain/policy.ts';
import {
  planCompletions,
  readCompletionRow,
  type CompletionRow,
} from '../../../domain/imports/completions.ts';
import { ProblemList } from '../../../domain/imports/problems.ts';
import { audit } from '../../audit/log.ts';
import { insertInBatches } from '../../db/batch.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction } from '../../db/transaction.ts';
import { notFound, presentRowProblems } from '../../http/errors.ts';
import { discardRest, readMappedRows } from '../imports/public.ts';
import * as repo from './completions-repository.ts';

/** The same summary as the people import prints, so scripts read both alike. */
export interface CompletionImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  ended: number;
  errors: ReturnType<typeof presentRowProblems>;
  errorTotal: number;
  applied: boolean;
  /** The first completions the file adds (or added), by row, to check before applying. */
  sample: { row: number; personId: string; name: string; completedOn: string }[];
}

const SAMPLE_SIZE = 50;

async function readRows(source: Readable, fileName: string, today: string) {
  const problems = new ProblemList();
  const rows: CompletionRow[] = [];
  await readMappedRows(
    {
      source,
      fileName,
      kind: 'completions',
      checkColumns: (columns) =>
        ['employee_id', 'official_id', 'email'].some((field) => columns.has(field))
          ? null
          : 'no_person_column',
    },
    problems,
    (rowNumber, cell) => {
      const row = readCompletionRow(rowNumber, cell, problems, today);
      if (row) rows.push(row);
    },
  );
  return { rows, problems };
}

/**
 * Imports a course provider's list of completions for one course: every row matched to one
 * person or reported by row; one transaction, and a file with any error applies nothing.
 * Importing the same list again changes nothing.
 */
export async function importCompletions(
  db: Db,
  input: {
    tenantId: TenantId;
    courseCode: string;
    source: Readable;
    fileName: string;
    dryRun: boolean;
    /** Who imports: a signed-in person's own rows are refused (the command line is nobody). */
    by: { userId: UserId | null; personId?: string | null; label: string };
    /** Only people within this reach match (a scoped owner); absent: everyone. */
    reach?: Reach;
    /** Only a course of this programme (the web imports per programme). */
    programmeId?: string;
  },
  clock: () => Date = () => new Date(),
): Promise<CompletionImportSummary> {
  const course = await repo.findCourseByCode(db, input.tenantId, input.courseCode);
  if (!course || (input.programmeId && course.programme_id !== input.programmeId)) {
    discardRest(input.source);
    throw notFound('course');
  }
  const today = stockholmDate(clock());
  const { rows, problems } = await readRows(input.source, input.fileName, today);
  const summary = await withTransaction(db, async (trx) => {
    const [people, existing] = await Promise.all([
      repo.peopleNumbers(
        trx,
        input.tenantId,
        input.reach ? { reach: input.reach, date: today } : undefined,
      ),
      repo.acceptedCompletionsOf(trx, input.tenantId, course.id),
    ]);
    const names = new Map(people.map((p) => [p.id, p]));
    const byEmail = new Map<string, string[]>();
    for (const p of people) {
      if (!p.email) continue;
      const key = p.email.toLowerCase();
      byEmail.set(key, [...(byEmail.get(key) ?? []), p.id]);
    }
    const plan = planCompletions(
      rows,
      {
        byEmployeeId: new Map(
          people.flatMap((p) => (p.employee_number ? [[p.employee_number, p.id]] : [])),
        ),
        byOfficialId: new Map(
          people.flatMap((p) => (p.official_number ? [[p.official_number, p.id]] : [])),
        ),
        byEmail,
      },
      new Set(existing.map((e) => `${e.person_id}|${e.completed_on}`)),
      problems,
      input.by.personId ?? null,
    );
    const apply = !input.dryRun && problems.total === 0;
    if (apply) {
      await insertInBatches(
        trx,
        'completions',
        plan.create.map((c) => ({
          tenant_id: input.tenantId,
          person_id: c.personId,
          course_id: course.id,
          completed_on: c.completedOn,
          source: 'import' as const,
          source_detail: input.fileName,
          status: 'accepted' as const,
          recorded_by: input.by.userId,
          recorded_by_label: input.by.label,
        })),
      );
      await audit(trx, {
        tenantId: input.tenantId,
        actorUserId: input.by.userId,
        action: 'completion.import',
        objectType: 'course',
        objectId: course.id,
        details: {
          fileName: input.fileName,
          created: plan.create.length,
          unchanged: plan.unchanged,
        },
      });
    }
    return {
      created: plan.create.length,
      updated: 0,
      unchanged: plan.unchanged,
      ended: 0,
      errors: presentRowProblems([...problems.items].sort((a, b) => (a.row ?? 0) - (b.row ?? 0))),
      errorTotal: problems.total,
      applied: apply,
      sample: plan.create.slice(0, SAMPLE_SIZE).map((c) => {
        const person = names.get(c.personId);
        return {
          row: c.row,
          personId: c.personId,
          name: person ? `${person.first_name} ${person.last_name}` : '',
          completedOn: c.completedOn,
        };
      }),
    };
  });
  if (summary.applied) await refreshStatistics(db, { completions: summary.created });
  return summary;
}
