import type { NavCounts, OwnedProgramme, Overview, TeamOverview } from '../../../contracts/home.ts';
import type { ProgrammeProgress, ProgrammeSummary } from '../../../contracts/programmes.ts';
import { addDays, stockholmDate } from '../../../domain/dates.ts';
import { isNobody, managingReach } from '../../../domain/policy.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import { AppError } from '../../http/errors.ts';
import { subjectOf } from '../../policies/authorize.ts';
import { dueInReach } from '../programmes/public.ts';
import * as repo from './repository.ts';

/** Within this many days a training counts as soon due on a manager's start page. */
export const SOON_DAYS = 30;
/** People listed on a manager's start page; the counts say how many there are in all. */
export const TEAM_SHOWN = 25;

/**
 * What the start page asks of the other features, each answering for the caller under its own
 * rules (the home page never widens what a caller may see; it only gathers it).
 */
export interface HomeSources {
  /** Reports waiting for the caller's decision. */
  pendingApprovals(actor: Actor): Promise<number>;
  attendanceMissing(actor: Actor): Promise<number>;
  unreadNotifications(actor: Actor): Promise<number>;
  programmes(actor: Actor): Promise<{ programmes: ProgrammeSummary[] }>;
  figuresFor(actor: Actor, programmeId: string): Promise<ProgrammeProgress | null>;
  /** Units no trainer serves; null when the programme has no trainers to plan. */
  unitsWithoutTrainer(actor: Actor, programmeId: string): Promise<number | null>;
}

/** Lists the caller may not open at all are simply empty on the start page. */
async function orEmpty<T>(promise: Promise<T>, empty: T): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'forbidden' || error.code === 'not_found'))
      return empty;
    throw error;
  }
}

/** The start page: each role's day, gathered from what the caller may already see. */
export function createHomeService(
  db: Db,
  sources: HomeSources,
  clock: () => Date = () => new Date(),
) {
  const today = () => stockholmDate(clock());

  async function counts(actor: Actor): Promise<NavCounts> {
    const [approvals, attendanceMissing, notifications] = await Promise.all([
      sources.pendingApprovals(actor),
      sources.attendanceMissing(actor),
      sources.unreadNotifications(actor),
    ]);
    return { approvals, attendanceMissing, notifications };
  }

  type FiguresOf = (programmeId: string) => Promise<ProgrammeProgress | null>;

  async function team(
    actor: Actor,
    active: readonly ProgrammeSummary[],
    figuresOf: FiguresOf,
  ): Promise<TeamOverview | null> {
    const subject = await subjectOf(db, actor);
    const reach = managingReach(subject.grants);
    if (isNobody(reach) || reach.everyone || reach.units.length === 0) return null;
    const date = today();
    const [due, units, figures] = await Promise.all([
      dueInReach(db, {
        tenantId: actor.tenantId,
        reach,
        asOf: date,
        until: addDays(date, SOON_DAYS),
        except: subject.personId,
      }),
      repo.unitNames(db, actor.tenantId, reach.units),
      Promise.all(active.map((p) => figuresOf(p.id))),
    ]);
    const overdue = due.filter((row) => row.due_on < date);
    return {
      units,
      overdue: overdue.length,
      dueSoon: due.length - overdue.length,
      soonDays: SOON_DAYS,
      people: [...overdue, ...due.filter((row) => row.due_on >= date)]
        .slice(0, TEAM_SHOWN)
        .map((row) => ({
          person: { id: row.person_id, name: `${row.first_name} ${row.last_name}` },
          unitName: row.unit_name,
          programme: { id: row.programme_id, name: row.programme_name },
          dueOn: row.due_on,
          overdue: row.due_on < date,
          coursesLeft: row.courses_left,
        })),
      shownLimit: TEAM_SHOWN,
      progress: figures.flatMap((progress) => {
        const target = progress?.targets[0];
        if (!progress || !target) return [];
        return units.flatMap((unit) => {
          const node = target.nodes.find((n) => n.kind === 'unit' && n.id === unit.id);
          if (!node) return [];
          const { suppressed, eligible, completed, percent, status } = node;
          const { forecastAtDeadline, paceNeeded, pace } = node;
          return [
            {
              programme: { id: progress.programme.id, name: progress.programme.name },
              unit,
              target: { name: target.name, targetPercent: target.targetPercent, by: target.by },
              figures: {
                ...{ suppressed, eligible, completed, percent, status },
                ...{ forecastAtDeadline, paceNeeded, pace },
              },
            },
          ];
        });
      }),
    };
  }

  async function owned(
    actor: Actor,
    programmes: readonly ProgrammeSummary[],
    figuresOf: FiguresOf,
  ): Promise<OwnedProgramme[]> {
    const mine = programmes.filter((p) => p.canManage && p.status !== 'ended');
    return Promise.all(
      mine.map(async (p) => {
        const [progress, uncovered] = await Promise.all([
          figuresOf(p.id),
          p.status === 'active' ? sources.unitsWithoutTrainer(actor, p.id) : null,
        ]);
        return {
          programme: { id: p.id, name: p.name, status: p.status },
          assigned: p.assigned,
          targets: (progress?.targets ?? []).map((target) => ({
            code: target.code,
            name: target.name,
            targetPercent: target.targetPercent,
            by: target.by,
            overall: target.overall,
            behindNodes: target.summary.behind ?? 0,
            atRiskNodes: target.summary.at_risk ?? 0,
          })),
          unitsWithoutTrainer: uncovered,
        };
      }),
    );
  }

  return {
    counts,

    async overview(actor: Actor): Promise<Overview> {
      const { programmes } = await orEmpty(sources.programmes(actor), { programmes: [] });
      const active = programmes.filter((p) => p.status === 'active');
      // A manager who also runs programmes reads each programme's figures once for both parts.
      const asked = new Map<string, Promise<ProgrammeProgress | null>>();
      const figuresOf: FiguresOf = (id) => {
        const known = asked.get(id) ?? sources.figuresFor(actor, id);
        asked.set(id, known);
        return known;
      };
      const [navCounts, teamView, ownedView] = await Promise.all([
        counts(actor),
        team(actor, active, figuresOf),
        owned(actor, programmes, figuresOf),
      ]);
      return { counts: navCounts, team: teamView, owned: ownedView };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
