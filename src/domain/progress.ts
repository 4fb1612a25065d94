/**
 * Progress against a programme target, and the forecast to its deadline. Pure: the dashboard,
 * the board report, the CLI and the reminders all read their numbers from here, so they
 * cannot drift apart. Rules are documented in docs/targets.md.
 */

export type TargetStatus = 'met' | 'on_track' | 'at_risk' | 'behind';

/** How many recent whole months the pace is measured over. */
export const PACE_WINDOW_MONTHS = 3;
/** A forecast this many percentage points short of the target is "at risk", more is "behind". */
export const AT_RISK_MARGIN = 10;

const DAY_MS = 86_400_000;
/** Average Gregorian month. */
const MONTH_DAYS = 365.2425 / 12;

function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    DAY_MS
  );
}

/** Months from `from` to `to` (fractional, negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  return (dayNumber(to) - dayNumber(from)) / MONTH_DAYS;
}

/** Completed share of the eligible, 0-100 with one decimal; 0 when nobody is eligible. */
export function percent(completed: number, eligible: number): number {
  if (eligible <= 0) return 0;
  const share = Math.min(completed, eligible) / eligible;
  return Math.round(share * 1000) / 10;
}

/** `YYYY-MM` of a date. */
export const monthOf = (date: string) => date.slice(0, 7);

function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export interface MonthPoint {
  month: string;
  completed: number;
  /** Completions up to and including this month. */
  cumulative: number;
}

/**
 * Completions per calendar month from the month of `from` to the month of `to`, with running
 * totals; `before` counts completions earlier than `from` (they start the running total).
 */
export function trendByMonth(
  completionDates: readonly string[],
  from: string,
  to: string,
  before = 0,
): MonthPoint[] {
  const counts = new Map<string, number>();
  let earlier = before;
  for (const date of completionDates) {
    if (date < from) earlier += 1;
    else if (date <= to) counts.set(monthOf(date), (counts.get(monthOf(date)) ?? 0) + 1);
  }
  return monthlyTrend(counts, from, to, earlier);
}

/**
 * The same trend from completions up to `to` already counted per month (`YYYY-MM`), as a
 * database returns them: months before `from`'s month start the running total.
 */
export function monthlyTrend(
  counts: ReadonlyMap<string, number>,
  from: string,
  to: string,
  before = 0,
): MonthPoint[] {
  const first = monthOf(from);
  const last = monthOf(to);
  let cumulative = before;
  for (const [month, n] of counts) if (month < first) cumulative += n;
  const points: MonthPoint[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    const completed = counts.get(month) ?? 0;
    cumulative += completed;
    points.push({ month, completed, cumulative });
  }
  return points;
}

/**
 * Completions per month over the last PACE_WINDOW_MONTHS whole months before `asOf` (the
 * running month is incomplete and would understate the pace). Fewer months of history: the
 * months there are.
 */
export function recentPace(trend: readonly MonthPoint[], asOf: string): number {
  const whole = trend.filter((point) => point.month < monthOf(asOf));
  const window = whole.slice(-PACE_WINDOW_MONTHS);
  if (window.length === 0) return 0;
  return window.reduce((sum, point) => sum + point.completed, 0) / window.length;
}

export interface ForecastInput {
  eligible: number;
  completed: number;
  /** Completions per month. */
  pace: number;
  asOf: string;
  deadline: string;
}

/** The percentage reached at the deadline if the pace holds (never above 100). */
export function forecastAtDeadline({
  eligible,
  completed,
  pace,
  asOf,
  deadline,
}: ForecastInput): number {
  const months = Math.max(0, monthsBetween(asOf, deadline));
  return percent(completed + Math.max(0, pace) * months, eligible);
}

/** Completions per month still needed to reach `targetPercent` by the deadline. */
export function paceNeeded(input: {
  eligible: number;
  completed: number;
  targetPercent: number;
  asOf: string;
  deadline: string;
}): number {
  const missing = Math.max(
    0,
    Math.ceil((input.targetPercent / 100) * input.eligible - 1e-9) - input.completed,
  );
  if (missing === 0) return 0;
  const months = monthsBetween(input.asOf, input.deadline);
  // Past or at the deadline, everything missing is needed now.
  if (months <= 0) return missing;
  return Math.ceil((missing / months) * 10) / 10;
}

/**
 * met: the target is reached; on_track: the forecast reaches it; at_risk: the forecast falls
 * short by at most AT_RISK_MARGIN points; behind: more than that, or the deadline has passed.
 */
export function targetStatus(input: {
  percentNow: number;
  forecast: number;
  targetPercent: number;
  asOf: string;
  deadline: string;
}): TargetStatus {
  if (input.percentNow >= input.targetPercent) return 'met';
  if (input.asOf > input.deadline) return 'behind';
  if (input.forecast >= input.targetPercent) return 'on_track';
  return input.targetPercent - input.forecast <= AT_RISK_MARGIN ? 'at_risk' : 'behind';
}

const WORST_FIRST: readonly TargetStatus[] = ['behind', 'at_risk', 'on_track', 'met'];

/**
 * The status of a target set for each office, committee or unit: only as good as its weakest
 * node (the target is met when every one of them is), whatever the whole's average says.
 * Without target nodes it is the whole's own status.
 */
export function eachTargetStatus(
  whole: TargetStatus,
  nodes: Readonly<Record<TargetStatus, number>>,
): TargetStatus {
  return WORST_FIRST.find((status) => nodes[status] > 0) ?? whole;
}

export interface NodeProgress {
  eligible: number;
  completed: number;
  percent: number;
  status: TargetStatus;
  forecastAtDeadline: number;
  paceNeeded: number;
  pace: number;
}

/** Everything the dashboard shows for one node of one target. */
export function nodeProgress(input: {
  eligible: number;
  completed: number;
  targetPercent: number;
  trend: readonly MonthPoint[];
  asOf: string;
  deadline: string;
}): NodeProgress {
  const pace = recentPace(input.trend, input.asOf);
  const now = percent(input.completed, input.eligible);
  const forecast = forecastAtDeadline({
    eligible: input.eligible,
    completed: input.completed,
    pace,
    asOf: input.asOf,
    deadline: input.deadline,
  });
  return {
    eligible: input.eligible,
    completed: Math.min(input.completed, input.eligible),
    percent: now,
    status: targetStatus({
      percentNow: now,
      forecast,
      targetPercent: input.targetPercent,
      asOf: input.asOf,
      deadline: input.deadline,
    }),
    forecastAtDeadline: forecast,
    paceNeeded: paceNeeded({ ...input }),
    pace: Math.round(pace * 10) / 10,
  };
}

/**
 * Rolls people up a tree: a node's audience is the distinct union of its own people and its
 * descendants' (a person in two units, or two committees, counts once in each node they belong
 * to and once in every common ancestor).
 */
export function rollUpPeople(
  nodes: readonly { id: string; parentId: string | null }[],
  direct: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, Set<string>> {
  const parentOf = new Map(nodes.map((node) => [node.id, node.parentId]));
  const result = new Map<string, Set<string>>(nodes.map((node) => [node.id, new Set<string>()]));
  for (const [nodeId, people] of direct) {
    const seen = new Set<string>();
    for (let id: string | null | undefined = nodeId; id && !seen.has(id); id = parentOf.get(id)) {
      seen.add(id);
      const set = result.get(id);
      if (!set) break;
      for (const person of people) set.add(person);
    }
  }
  return result;
}

/** People in a node: how many, how many completed, and completions per month (`YYYY-MM`). */
export interface Tally {
  eligible: number;
  completed: number;
  months: Map<string, number>;
}

export const emptyTally = (): Tally => ({ eligible: 0, completed: 0, months: new Map() });

/** Adds `n` people who completed in `month` (null: not yet) to a tally. */
export function addToTally(tally: Tally, n: number, month: string | null) {
  tally.eligible += n;
  if (month === null) return;
  tally.completed += n;
  tally.months.set(month, (tally.months.get(month) ?? 0) + n);
}

/**
 * The same roll-up as `rollUpPeople`, from counts instead of sets, so a database can count per
 * unit and only the few people placed in several units travel one by one: counts of people
 * placed in exactly one unit are summed up the tree; each person placed in several units adds
 * one to every node above any of them, once.
 */
export function rollUpTallies(
  parentOf: ReadonlyMap<string, string | null>,
  single: readonly { unitId: string; month: string | null; n: number }[],
  multi: ReadonlyMap<string, { units: readonly string[]; month: string | null }>,
): Map<string, Tally> {
  const result = new Map<string, Tally>();
  const tally = (id: string) => {
    let entry = result.get(id);
    if (!entry) {
      entry = emptyTally();
      result.set(id, entry);
    }
    return entry;
  };
  const chain = (unitId: string) => {
    const ids: string[] = [];
    const seen = new Set<string>();
    for (let id: string | null | undefined = unitId; id && !seen.has(id); id = parentOf.get(id)) {
      seen.add(id);
      ids.push(id);
    }
    return ids;
  };
  for (const row of single)
    for (const id of chain(row.unitId)) addToTally(tally(id), row.n, row.month);
  for (const person of multi.values()) {
    const nodes = new Set(person.units.flatMap(chain));
    for (const id of nodes) addToTally(tally(id), 1, person.month);
  }
  return result;
}

/**
 * One level of the unit tree, as the dashboard and the trainers' views show it: `node` (by
 * default the top of the tree) and its children. Null: `node` is not among the units.
 */
export function treeLevel(
  units: readonly { id: string; parentId: string | null }[],
  node: string | undefined,
): {
  top: string | null;
  focus: string | null;
  inLevel: (id: string, parentId: string | null) => boolean;
} | null {
  const ids = new Set(units.map((n) => n.id));
  if (node && !ids.has(node)) return null;
  const top = units.find((n) => n.parentId === null || !ids.has(n.parentId))?.id ?? null;
  const focus = node ?? top;
  return { top, focus, inLevel: (id, parentId) => id === focus || parentId === focus };
}
