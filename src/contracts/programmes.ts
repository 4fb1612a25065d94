import { z } from 'zod';

/**
 * The declarative programme file (`npx tryggve programme apply FILE`): a programme as a
 * municipality's decision reads, shareable between municipalities. Units and bodies are named
 * by their codes, so a file does not depend on one database. The JSON Schema in
 * docs/examples/programme.schema.json is generated from this contract.
 */

const Code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/, 'use 1-60 letters, digits, ".", "_" or "-"');
const Day = z.iso.date();

export const Topic = z.enum([
  'violence_in_close_relationships',
  'lgbtq_inclusion',
  'threats_and_violence_at_work',
  'equality_and_anti_discrimination',
  'safety_of_elected_officials',
  'other',
]);

export const CourseKind = z.enum(['web_course', 'session', 'e_learning', 'drill']);

export const Course = z.strictObject({
  code: Code,
  name: z.string().min(1).max(200),
  kind: CourseKind,
  /** External web courses: who runs it and where. */
  provider: z.string().max(200).optional(),
  url: z.url().optional(),
  modules: z.array(z.strictObject({ code: Code, name: z.string().min(1).max(200) })).default([]),
  /** Curriculum level (1 = basics); a course requires the courses in `requires` first. */
  level: z.int().min(1).max(10).default(1),
  requires: z.array(Code).default([]),
  /** Renew every N months (yearly drills: 12); absent: done once. */
  validForMonths: z.int().min(1).max(120).optional(),
  /** What proves a self-reported completion, and who approves it. */
  evidence: z.enum(['none', 'certificate', 'attestation']).default('none'),
  approval: z.enum(['none', 'manager', 'trainer', 'programme_owner']).default('none'),
});

export const AudienceRuleFile = z.strictObject({
  roles: z.array(z.enum(['employee', 'manager', 'elected_member', 'elected_substitute'])).min(1),
  units: z.array(Code).default([]),
  titles: z.array(z.string().min(1).max(200)).default([]),
  bodies: z.array(Code).default([]),
  startedWithinDays: z.int().min(1).max(3650).optional(),
});

export const Due = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), date: Day }),
  z.strictObject({ kind: z.literal('after_start'), days: z.int().min(1).max(3650) }),
  z.strictObject({ kind: z.literal('after_assignment'), days: z.int().min(1).max(3650) }),
]);

export const Target = z.strictObject({
  code: Code,
  name: z.string().min(1).max(200),
  percent: z.number().min(1).max(100),
  by: Day,
  /** Whose completions count: everyone in the audience, or only staff or only elected officials. */
  population: z.enum(['all', 'employees', 'elected_officials']).default('all'),
  /** `each`: the percentage in every node of that level; `overall`: the municipality as a whole. */
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('overall') }),
    z.strictObject({
      kind: z.literal('each'),
      level: z.enum(['office', 'department', 'unit', 'committee']),
    }),
  ]),
  /** The courses that must all be completed to count; none: every course of the programme. */
  courses: z.array(Code).default([]),
});

export const ProgrammeFile = z.strictObject({
  $schema: z.string().optional(),
  code: Code,
  name: z.string().min(1).max(200),
  topic: Topic,
  description: z.string().max(4000).optional(),
  decision: z.strictObject({
    body: Code,
    date: Day,
    reference: z.string().min(1).max(100),
  }),
  period: z.strictObject({ start: Day, end: Day }),
  status: z.enum(['draft', 'active', 'ended']).default('draft'),
  owners: z.array(z.string().min(1).max(200)).default([]),
  courses: z.array(Course).min(1),
  audience: z.strictObject({
    include: z.array(AudienceRuleFile).min(1),
    exclude: z.array(AudienceRuleFile).default([]),
  }),
  due: Due,
  targets: z.array(Target).min(1),
});
export type ProgrammeFile = z.infer<typeof ProgrammeFile>;

/* ---- The programme API: lists, detail, progress, assignments, completions ---- */

export const ProgrammeStatus = z.enum(['draft', 'active', 'ended']);
export const TargetStatus = z.enum(['met', 'on_track', 'at_risk', 'behind']);
const Id = z.string();

export const ProgrammeSummary = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  topic: Topic,
  status: ProgrammeStatus,
  periodStart: z.string(),
  periodEnd: z.string(),
  decision: z.object({ bodyName: z.string(), date: z.string(), reference: z.string() }),
  /** People holding an open assignment today (not exempt). */
  assigned: z.number(),
  canManage: z.boolean(),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummary>;

export const ProgrammeList = z.object({ programmes: z.array(ProgrammeSummary) });

export const CourseInfo = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: CourseKind,
  provider: z.string().nullable(),
  url: z.string().nullable(),
  level: z.number(),
  requires: z.array(z.string()),
  validForMonths: z.number().nullable(),
  evidence: z.enum(['none', 'certificate', 'attestation']),
  approval: z.enum(['none', 'manager', 'trainer', 'programme_owner']),
  modules: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type CourseInfo = z.infer<typeof CourseInfo>;

export const ApplyProgrammeResult = z.object({
  id: Id,
  code: z.string(),
  created: z.boolean(),
  status: ProgrammeStatus,
  courses: z.number(),
  targets: z.number(),
  sync: z.object({ programmeCode: z.string(), assigned: z.number(), ended: z.number() }).nullable(),
});

export const NodeFigures = z.object({
  eligible: z.number(),
  completed: z.number(),
  percent: z.number(),
  status: TargetStatus,
  forecastAtDeadline: z.number(),
  paceNeeded: z.number(),
  pace: z.number(),
});

export const NodeLevel = z.enum([
  'municipality',
  'office',
  'department',
  'unit',
  'council',
  'board',
  'committee',
]);

export const ProgressNode = NodeFigures.extend({
  kind: z.enum(['unit', 'body']),
  id: Id,
  code: z.string(),
  name: z.string(),
  level: NodeLevel,
  parentId: z.string().nullable(),
  /** A node of the level the target is set for ("each office"). */
  targetNode: z.boolean(),
});
export type ProgressNode = z.infer<typeof ProgressNode>;

export const TargetProgress = z.object({
  code: z.string(),
  name: z.string(),
  targetPercent: z.number(),
  by: z.string(),
  population: z.enum(['all', 'employees', 'elected_officials']),
  scope: z.enum(['overall', 'office', 'department', 'unit', 'committee']),
  courses: z.array(z.string()),
  /** The whole audience, everyone once (a person in two committees counts once here). */
  overall: NodeFigures,
  trend: z.array(z.object({ month: z.string(), completed: z.number(), cumulative: z.number() })),
  /** How many target nodes are met, on track, at risk and behind ("each" targets). */
  summary: z.record(TargetStatus, z.number()),
  nodes: z.array(ProgressNode),
});
export type TargetProgress = z.infer<typeof TargetProgress>;

export const ProgrammeProgress = z.object({
  programme: z.object({
    id: Id,
    code: z.string(),
    name: z.string(),
    status: ProgrammeStatus,
    periodStart: z.string(),
    periodEnd: z.string(),
  }),
  asOf: z.string(),
  /** Set when the figures are limited to the caller's own units (a manager). */
  scopeUnitIds: z.array(z.string()).nullable(),
  targets: z.array(TargetProgress),
});
export type ProgrammeProgress = z.infer<typeof ProgrammeProgress>;

export const ProgressQuery = z.strictObject({ at: Day.optional() });
