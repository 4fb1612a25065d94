import type {
  ProgrammeProgress,
  ProgressNode,
  TargetProgress,
} from '../../../contracts/programmes.ts';
import { planAssignments } from '../../../domain/assignment.ts';
import type { TenantId } from '../../../domain/ids.ts';
import {
  addToTally,
  eachTargetStatus,
  emptyTally,
  monthlyTrend,
  nodeProgress,
  rollUpTallies,
  type MonthPoint,
  type TargetStatus,
  type Tally,
} from '../../../domain/progress.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';
import * as repo from './repository.ts';

type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof repo.findProgramme>>>;

const BODY_LEVELS = new Set(['committee', 'board']);

/**
 * Every target of a programme for every node, as of a date: one set-wise query per target,
 * then the pure rules of src/domain/progress.ts per node. `scopeUnitIds` limits the nodes to
 * those subtrees (a manager's own units) and makes the first of them the headline figure.
 */
export async function programmeProgress(
  db: Db | Tx,
  tenantId: TenantId,
  programme: ProgrammeRow,
  asOf: string,
  scopeUnitIds: readonly string[] | null = null,
): Promise<ProgrammeProgress> {
  const [targets, { units, bodies }, courses] = await Promise.all([
    repo.programmeTargets(db, tenantId, programme.id),
    repo.progressNodes(db, tenantId),
    repo.programmeCourses(db, tenantId, programme.id),
  ]);
  const targetCourses = await repo.targetCourseIds(
    db,
    tenantId,
    targets.map((t) => t.id),
  );
  const courseCode = new Map(courses.map((c) => [c.id, c.code]));
  const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
  const inScope = (unitId: string) => {
    if (!scopeUnitIds) return true;
    for (let id: string | null | undefined = unitId; id; id = parentOf.get(id))
      if (scopeUnitIds.includes(id)) return true;
    return false;
  };

  const results: TargetProgress[] = [];
  for (const target of targets) {
    const rows = await repo.targetProgressRows(db, {
      tenantId,
      programmeId: programme.id,
      targetId: target.id,
      requiredCourses: targetCourses.get(target.id)?.length ?? 0,
      population: target.population,
      asOf,
    });
    const single: { unitId: string; month: string | null; n: number }[] = [];
    const multi = new Map<string, { units: string[]; month: string | null }>();
    const bodyTallies = new Map<string, Tally>();
    const whole = emptyTally();
    for (const row of rows) {
      if (row.part === 'single' && row.node_id) {
        single.push({ unitId: row.node_id, month: row.month, n: row.n });
      } else if (row.part === 'multi' && row.node_id && row.person_id) {
        const person = multi.get(row.person_id) ?? { units: [], month: row.month };
        person.units.push(row.node_id);
        multi.set(row.person_id, person);
      } else if (row.part === 'body' && row.node_id) {
        const tally = bodyTallies.get(row.node_id) ?? emptyTally();
        addToTally(tally, row.n, row.month);
        bodyTallies.set(row.node_id, tally);
      } else if (row.part === 'whole') {
        addToTally(whole, row.n, row.month);
      }
    }
    const unitTallies = rollUpTallies(parentOf, single, multi);
    const targetPercent = Number(target.percent);
    const figures = (t: Tally | undefined) => {
      const trend: MonthPoint[] = monthlyTrend(
        t?.months ?? new Map(),
        programme.period_start,
        asOf < programme.period_start ? programme.period_start : asOf,
      );
      return {
        trend,
        figures: {
          suppressed: false,
          ...nodeProgress({
            eligible: t?.eligible ?? 0,
            completed: t?.completed ?? 0,
            targetPercent,
            trend,
            asOf,
            deadline: target.by_date,
          }),
        },
      };
    };

    const nodes: ProgressNode[] = [];
    for (const unit of units) {
      const t = unitTallies.get(unit.id);
      if (!t?.eligible || !inScope(unit.id)) continue;
      nodes.push({
        kind: 'unit',
        id: unit.id,
        code: unit.code,
        name: unit.name,
        level: unit.kind,
        parentId: unit.parent_id,
        targetNode: target.scope_level === unit.kind,
        ...figures(t).figures,
      });
    }
    if (!scopeUnitIds) {
      for (const body of bodies) {
        const t = bodyTallies.get(body.id);
        if (!t?.eligible) continue;
        nodes.push({
          kind: 'body',
          id: body.id,
          code: body.code,
          name: body.name,
          level: body.kind,
          parentId: null,
          targetNode: target.scope_level === 'committee' && BODY_LEVELS.has(body.kind),
          ...figures(t).figures,
        });
      }
    }
    const collator = new Intl.Collator('sv');
    nodes.sort((a, b) => collator.compare(a.name, b.name));
    const summary: Record<TargetStatus, number> = { met: 0, on_track: 0, at_risk: 0, behind: 0 };
    for (const node of nodes) if (node.targetNode && node.status) summary[node.status] += 1;
    const headline = figures(scopeUnitIds?.[0] ? unitTallies.get(scopeUnitIds[0]) : whole);
    results.push({
      code: target.code,
      name: target.name,
      targetPercent,
      by: target.by_date,
      population: target.population,
      scope: target.scope_level ?? 'overall',
      courses: (targetCourses.get(target.id) ?? []).flatMap((id) => courseCode.get(id) ?? []),
      // The whole's status for an "each" target is its weakest node's (a manager's own unit
      // is a node itself: its figures stand).
      overall:
        target.scope_level && !scopeUnitIds && headline.figures.status
          ? { ...headline.figures, status: eachTargetStatus(headline.figures.status, summary) }
          : headline.figures,
      trend: headline.trend,
      summary,
      suppressedTargetNodes: 0,
      nodes,
    });
  }
  return {
    programme: {
      id: programme.id,
      code: programme.code,
      name: programme.name,
      status: programme.status,
      periodStart: programme.period_start,
      periodEnd: programme.period_end,
    },
    asOf,
    courses: courses.map((c) => ({
      code: c.code,
      name: c.name,
      kind: c.kind,
      forTrainers: c.for_trainers,
    })),
    preview:
      programme.status === 'draft' ? await draftPreview(db, tenantId, programme, asOf) : null,
    canManage: false,
    canReadTrainers: false,
    canSeePeople: false,
    canListMissing: false,
    focus: null,
    path: [],
    scopeUnitIds: scopeUnitIds ? [...scopeUnitIds] : null,
    targets: results,
  };
}

/**
 * Whom a draft would assign if it were activated: the same plan the assignment sync makes, on
 * the later of the day and the start of its period (before it, nobody is assigned yet).
 */
async function draftPreview(
  db: Db | Tx,
  tenantId: TenantId,
  programme: ProgrammeRow,
  asOf: string,
) {
  const from = asOf > programme.period_start ? asOf : programme.period_start;
  const people = await repo.peopleFacts(db, tenantId, from);
  const plan = planAssignments({
    audience: programme.audience,
    due: programme.due,
    periodStart: programme.period_start,
    asOf: from,
    people: people.values(),
    open: new Map(),
  });
  return { wouldAssign: plan.create.length, from };
}
