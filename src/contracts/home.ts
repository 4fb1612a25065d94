import { z } from 'zod';
import { NodeFigures, ProgrammeStatus } from './programmes.ts';

const Ref = z.object({ id: z.string(), name: z.string() });

/** What waits for the caller, as counts beside the menu ("Att godkänna 3"). */
export const NavCounts = z.object({
  /** Completion reports waiting for the caller's decision. */
  approvals: z.number(),
  /** Sessions the caller trains that were held and still lack attendance. */
  attendanceMissing: z.number(),
  /** The caller's unread notifications (the bell). */
  notifications: z.number(),
});
export type NavCounts = z.infer<typeof NavCounts>;

/** A manager's person with a training due soon or overdue in an active programme. */
export const TeamDue = z.object({
  person: Ref,
  unitName: z.string(),
  programme: Ref,
  dueOn: z.string(),
  overdue: z.boolean(),
  coursesLeft: z.number(),
});

/** What a manager sees of their units: who is late or soon due, and each programme's figures. */
export const TeamOverview = z.object({
  units: z.array(Ref),
  overdue: z.number(),
  dueSoon: z.number(),
  soonDays: z.number(),
  /** Overdue first, then by due date; at most `shownLimit`. */
  people: z.array(TeamDue),
  shownLimit: z.number(),
  progress: z.array(
    z.object({
      programme: Ref,
      unit: Ref,
      target: z.object({ name: z.string(), targetPercent: z.number(), by: z.string() }),
      figures: NodeFigures,
    }),
  ),
});

/** What a programme owner sees of each programme they run, and what needs their action. */
export const OwnedProgramme = z.object({
  programme: Ref.extend({ status: ProgrammeStatus }),
  assigned: z.number(),
  targets: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      targetPercent: z.number(),
      by: z.string(),
      overall: NodeFigures,
      /** Offices, committees or units behind or at risk (an "each" target's parts). */
      behindNodes: z.number(),
      atRiskNodes: z.number(),
    }),
  ),
  /** Units with people assigned that no qualified trainer serves (null: not a trainer programme). */
  unitsWithoutTrainer: z.number().nullable(),
});

export const Overview = z.object({
  counts: NavCounts,
  team: TeamOverview.nullable(),
  owned: z.array(OwnedProgramme),
});
export type Overview = z.infer<typeof Overview>;
export type TeamOverview = z.infer<typeof TeamOverview>;
export type OwnedProgramme = z.infer<typeof OwnedProgramme>;
