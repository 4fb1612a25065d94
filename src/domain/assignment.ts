import {
  evaluateAudience,
  type AudienceDefinition,
  type AudienceRule,
  type Match,
  type PersonFacts,
} from './audience.ts';
import { addDays } from './dates.ts';

/**
 * Who holds an assignment of a programme: the audience rules turned into a set-wise plan of
 * assignments to open and to end. Pure and idempotent: applying a plan and planning again on the
 * same facts plans nothing. Rules are documented in docs/targets.md.
 */

/** Audience rules as stored: unit and body ids (a programme file names codes). */
export type StoredAudience = AudienceDefinition;

export type StoredDue =
  | { kind: 'fixed'; date: string }
  | { kind: 'after_start'; days: number }
  | { kind: 'after_assignment'; days: number };

export interface OpenAssignment {
  id: string;
  personId: string;
}

export interface NewAssignment {
  personId: string;
  assignedOn: string;
  dueOn: string;
  reason: { rule: number; match: Match };
}

export interface SyncPlan {
  create: NewAssignment[];
  /** Open assignments of people who have left the audience. */
  end: OpenAssignment[];
}

/**
 * The rules that keep a person in the audience once assigned: "new hires within N days" brings
 * a person in, and the assignment stays after those days have passed (the training is still
 * theirs to do). Leaving the unit, the role or the municipality, or an exclusion, ends it.
 */
export function retentionRules(audience: AudienceDefinition): AudienceDefinition {
  const keep = (rule: AudienceRule): AudienceRule => ({ ...rule, startedWithinDays: undefined });
  return { include: audience.include.map(keep), exclude: audience.exclude ?? [] };
}

/**
 * The due date of an assignment made on `assignedOn` through an employment or seat begun
 * `since`. "After start" counts from the start, or from the assignment for people who had
 * started before the programme reached them (nobody is overdue on the day they are assigned).
 */
export function dueDate(due: StoredDue, assignedOn: string, since: string): string {
  switch (due.kind) {
    case 'fixed':
      return due.date;
    case 'after_start':
      return addDays(since > assignedOn ? since : assignedOn, due.days);
    case 'after_assignment':
      return addDays(assignedOn, due.days);
  }
}

/**
 * Plans the assignments of one programme on `asOf`. A newcomer is assigned from the later of
 * the programme start and the day their matching employment or seat began, so a programme
 * activated part-way through its period has a truthful history of who was in its audience.
 */
export function planAssignments(input: {
  audience: StoredAudience;
  due: StoredDue;
  periodStart: string;
  asOf: string;
  people: Iterable<PersonFacts>;
  open: ReadonlyMap<string, OpenAssignment>;
}): SyncPlan {
  const retention = retentionRules(input.audience);
  const create: NewAssignment[] = [];
  const end: OpenAssignment[] = [];
  const seen = new Set<string>();
  for (const person of input.people) {
    seen.add(person.personId);
    const existing = input.open.get(person.personId);
    if (existing) {
      if (!evaluateAudience(retention, person, input.asOf).member) end.push(existing);
      continue;
    }
    const verdict = evaluateAudience(input.audience, person, input.asOf);
    if (!verdict.member || !verdict.includedBy) continue;
    const since = verdict.includedBy.match.since;
    const assignedOn = since > input.periodStart ? since : input.periodStart;
    create.push({
      personId: person.personId,
      assignedOn,
      dueOn: dueDate(input.due, assignedOn, since),
      reason: verdict.includedBy,
    });
  }
  // People with no facts at all (no employment or seat in force) have left.
  for (const [personId, assignment] of input.open) if (!seen.has(personId)) end.push(assignment);
  return { create, end };
}
