import type {
  NodeFigures,
  ProgrammeProgress,
  TargetProgress,
} from '../../../contracts/programmes.ts';
import { reachesBody, reachesUnit, type Reach } from '../../../domain/policy.ts';
import type { TargetStatus } from '../../../domain/progress.ts';
import { suppress } from '../../../domain/suppression.ts';

const HIDDEN: NodeFigures = {
  suppressed: true,
  eligible: null,
  completed: null,
  percent: null,
  status: null,
  forecastAtDeadline: null,
  paceNeeded: null,
  pace: null,
};

/** A key that is the same for every reader who gets the same suppression. */
export function reachKey(reach: Reach): string {
  if (reach.everyone) return '*';
  return [
    [...reach.units].sort().join(','),
    [...reach.bodies].sort().join(','),
    reach.allBodies ? 'bodies' : '',
  ].join('|');
}

/**
 * One target's figures as a reader with `reach` may get them: the small-number rule applied to
 * every unit and political body and to the whole, and the status summary counted over the shown
 * target nodes only (a count of the hidden ones' statuses would give them away).
 */
function suppressTarget(target: TargetProgress, reach: Reach): TargetProgress {
  const units = new Map(target.nodes.filter((n) => n.kind === 'unit').map((n) => [n.id, n]));
  const pathOf = (id: string) => {
    const path: string[] = [];
    for (let at = units.get(id); at; at = at.parentId ? units.get(at.parentId) : undefined)
      path.push(at.id);
    return path;
  };
  const seesPeople = (id: string) => {
    const node = units.get(id);
    return node ? reachesUnit(reach, pathOf(id)) : reachesBody(reach, id);
  };
  const { hidden, wholeHidden } = suppress(
    target.nodes.map((n) => ({
      id: n.id,
      parentId: n.kind === 'unit' ? n.parentId : null,
      eligible: n.eligible ?? 0,
    })),
    { eligible: target.overall.eligible ?? 0, seesEveryone: reach.everyone },
    seesPeople,
  );
  const nodes = target.nodes.map((n) => (hidden.has(n.id) ? { ...n, ...HIDDEN } : n));
  const summary: Record<TargetStatus, number> = { met: 0, on_track: 0, at_risk: 0, behind: 0 };
  for (const node of nodes) if (node.targetNode && node.status) summary[node.status] += 1;
  return {
    ...target,
    overall: wholeHidden ? HIDDEN : target.overall,
    trend: wholeHidden ? [] : target.trend,
    summary,
    suppressedTargetNodes: nodes.filter((n) => n.targetNode && n.suppressed).length,
    nodes,
  };
}

/** A programme's figures for a reader with `reach` (nothing is hidden from who sees everyone). */
export function suppressFigures(progress: ProgrammeProgress, reach: Reach): ProgrammeProgress {
  if (reach.everyone) return progress;
  return { ...progress, targets: progress.targets.map((t) => suppressTarget(t, reach)) };
}
