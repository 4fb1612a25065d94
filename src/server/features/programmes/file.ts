import type { ProgrammeFile } from '../../../contracts/programmes.ts';
import type { AudienceRule } from '../../../domain/audience.ts';
import type { TenantId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';
import { programmeForFile } from './file-repository.ts';

type Stored = Awaited<ReturnType<typeof programmeForFile>>;

/**
 * The programme file a stored programme amounts to: what `programme apply` (or the editor)
 * would take to make it as it is, with units, bodies and owners named by their codes and
 * account names. Applying it changes nothing.
 */
export async function programmeFile(
  q: Db | Tx,
  tenantId: TenantId,
  programmeId: string,
): Promise<ProgrammeFile> {
  return presentFile(await programmeForFile(q, tenantId, programmeId));
}

export function presentFile(stored: Stored): ProgrammeFile {
  const { programme: p } = stored;
  const codes = (ids: readonly string[], map: ReadonlyMap<string, string>) =>
    ids.flatMap((id) => {
      const code = map.get(id);
      return code ? [code] : [];
    });
  const rule = (r: AudienceRule) => ({
    roles: [...r.roles],
    units: codes(r.unitSubtrees ?? [], stored.unitCodes),
    titles: [...(r.titles ?? [])],
    bodies: codes(r.bodies ?? [], stored.bodyCodes),
    ...(r.startedWithinDays ? { startedWithinDays: r.startedWithinDays } : {}),
  });
  // A target's empty list means every course of the audience (as applying stores it): a list
  // of exactly those courses is given back empty, and applying it again stores the same.
  const audienceCourses = stored.courses.filter((c) => !c.for_trainers).map((c) => c.code);
  const targetCourses = (listed: readonly string[]) =>
    listed.length === audienceCourses.length && audienceCourses.every((c) => listed.includes(c))
      ? []
      : [...listed];
  return {
    code: p.code,
    name: p.name,
    topic: p.topic as ProgrammeFile['topic'],
    ...(p.description ? { description: p.description } : {}),
    decision: { body: p.decision_body, date: p.decision_date, reference: p.decision_reference },
    period: { start: p.period_start, end: p.period_end },
    status: p.status,
    owners: stored.owners,
    courses: stored.courses.map((c) => ({
      code: c.code,
      name: c.name,
      kind: c.kind,
      ...(c.provider ? { provider: c.provider } : {}),
      ...(c.url ? { url: c.url } : {}),
      modules: c.modules.map((m) => ({ code: m.code, name: m.name })),
      level: c.level,
      requires: c.requires.map((r) => r.code),
      ...(c.valid_for_months ? { validForMonths: c.valid_for_months } : {}),
      evidence: c.evidence,
      approval: c.approval,
      forTrainers: c.for_trainers,
      ...(c.session_capacity ? { sessionCapacity: c.session_capacity } : {}),
    })),
    audience: {
      include: p.audience.include.map(rule),
      exclude: (p.audience.exclude ?? []).map(rule),
    },
    due: p.due,
    targets: stored.targets.map((t) => ({
      code: t.code,
      name: t.name,
      percent: Number(t.percent),
      by: t.by_date,
      population: t.population,
      scope: t.scope_level ? { kind: 'each', level: t.scope_level } : { kind: 'overall' },
      courses: targetCourses(t.courses.map((c) => c.code)),
    })),
  };
}
