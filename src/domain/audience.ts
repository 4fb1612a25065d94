import { addDays, isActiveOn } from './dates.ts';

/**
 * Who a programme is for, as rules a decision reads like: "all employees of the social office",
 * "members and substitutes of every committee", "new managers within 90 days". Pure: the same
 * rules and facts give the same audience, and every member can be told why.
 */
export type AudienceRole = 'employee' | 'manager' | 'elected_member' | 'elected_substitute';

export interface AudienceRule {
  /** Any of these roles (employee: every employee; manager: employees who manage). */
  roles: readonly AudienceRole[];
  /** Employments in any of these subtrees (unit ids); empty: anywhere. */
  unitSubtrees?: readonly string[];
  /** Employment titles (case-insensitive); empty: any title. */
  titles?: readonly string[];
  /** Seats in any of these bodies; empty: any body. */
  bodies?: readonly string[];
  /** Only employments that started at most this many days ago (new hires). */
  startedWithinDays?: number;
}

export interface AudienceDefinition {
  include: readonly AudienceRule[];
  exclude?: readonly AudienceRule[];
}

export interface EmploymentFact {
  unitId: string;
  /** The unit and its ancestors, the unit first. */
  unitPath: readonly string[];
  title: string;
  isManager: boolean;
  startDate: string;
  endDate: string | null;
}

export interface SeatFact {
  bodyId: string;
  role: 'member' | 'substitute' | 'chair' | 'vice_chair';
  termStart: string;
  termEnd: string | null;
}

export interface PersonFacts {
  personId: string;
  employments: readonly EmploymentFact[];
  seats: readonly SeatFact[];
}

/** How a rule reached the person; `since` is when that employment or seat began. */
export type Match =
  | { via: 'employment'; unitId: string; title: string; isManager: boolean; since: string }
  | { via: 'seat'; bodyId: string; role: SeatFact['role']; since: string };

export interface AudienceVerdict {
  member: boolean;
  /** The first include rule that matched (index), and how. */
  includedBy: { rule: number; match: Match } | null;
  /** The first exclude rule that matched, which wins over any include. */
  excludedBy: { rule: number; match: Match } | null;
}

function employmentMatch(rule: AudienceRule, employment: EmploymentFact, asOf: string): boolean {
  if (!isActiveOn(asOf, employment.startDate, employment.endDate)) return false;
  const roleOk =
    rule.roles.includes('employee') || (rule.roles.includes('manager') && employment.isManager);
  if (!roleOk) return false;
  if (
    rule.unitSubtrees?.length &&
    !rule.unitSubtrees.some((unit) => employment.unitPath.includes(unit))
  )
    return false;
  if (rule.titles?.length) {
    const title = employment.title.toLocaleLowerCase('sv');
    if (!rule.titles.some((t) => t.toLocaleLowerCase('sv') === title)) return false;
  }
  if (
    rule.startedWithinDays !== undefined &&
    employment.startDate < addDays(asOf, -rule.startedWithinDays)
  )
    return false;
  return true;
}

function seatMatch(rule: AudienceRule, seat: SeatFact, asOf: string): boolean {
  if (!isActiveOn(asOf, seat.termStart, seat.termEnd)) return false;
  const substitute = seat.role === 'substitute';
  const roleOk = substitute
    ? rule.roles.includes('elected_substitute')
    : rule.roles.includes('elected_member');
  if (!roleOk) return false;
  if (rule.bodies?.length && !rule.bodies.includes(seat.bodyId)) return false;
  if (
    rule.startedWithinDays !== undefined &&
    seat.termStart < addDays(asOf, -rule.startedWithinDays)
  )
    return false;
  return true;
}

/**
 * How `rule` matches the person on `asOf`, or null. Unit and title clauses narrow employments;
 * body clauses narrow seats. Of several matching employments and seats, the one begun first
 * (an employment before a seat begun the same day): the person has been in the audience since
 * then, whatever order their facts were read in.
 */
export function matchRule(rule: AudienceRule, person: PersonFacts, asOf: string): Match | null {
  let first: Match | null = null;
  for (const employment of person.employments) {
    if (employmentMatch(rule, employment, asOf) && !(first && first.since <= employment.startDate))
      first = {
        via: 'employment',
        unitId: employment.unitId,
        title: employment.title,
        isManager: employment.isManager,
        since: employment.startDate,
      };
  }
  for (const seat of person.seats) {
    if (seatMatch(rule, seat, asOf) && !(first && first.since <= seat.termStart))
      first = { via: 'seat', bodyId: seat.bodyId, role: seat.role, since: seat.termStart };
  }
  return first;
}

function firstMatch(rules: readonly AudienceRule[], person: PersonFacts, asOf: string) {
  for (const [rule, definition] of rules.entries()) {
    const match = matchRule(definition, person, asOf);
    if (match) return { rule, match };
  }
  return null;
}

/** Is the person in the audience on `asOf`, and why (or why not)? */
export function evaluateAudience(
  definition: AudienceDefinition,
  person: PersonFacts,
  asOf: string,
): AudienceVerdict {
  const includedBy = firstMatch(definition.include, person, asOf);
  const excludedBy = includedBy ? firstMatch(definition.exclude ?? [], person, asOf) : null;
  return { member: includedBy !== null && excludedBy === null, includedBy, excludedBy };
}
