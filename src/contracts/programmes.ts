import { z } from 'zod';
import {
  APPROVERS,
  AUDIENCE_ROLES,
  COURSE_KINDS,
  EVIDENCE_KINDS,
  TOPICS,
} from './programme-options.ts';

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

export const Topic = z.enum(TOPICS);
export const CourseKind = z.enum(COURSE_KINDS);
const Evidence = z.enum(EVIDENCE_KINDS);
const Approver = z.enum(APPROVERS);

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
  evidence: Evidence.default('none'),
  approval: Approver.default('none'),
  /** Taken by the programme's trainers (train the trainer), not by its audience. */
  forTrainers: z.boolean().default(false),
  /** Sessions and drills: the usual number of seats, which session planning divides by. */
  sessionCapacity: z.int().min(1).max(1000).optional(),
});

export const AudienceRuleFile = z.strictObject({
  roles: z.array(z.enum(AUDIENCE_ROLES)).min(1),
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
  /**
   * The courses that must all be completed to count; none: every course of the programme's
   * audience (trainer courses never count).
   */
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
export type ProgrammeList = z.infer<typeof ProgrammeList>;

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
  evidence: Evidence,
  approval: Approver,
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

/**
 * A node's figures. `suppressed`: fewer than five people are concerned (or showing them would
 * let a small group be worked out), and the caller may not see those people — every number is
 * then null (the small-number rule, src/domain/suppression.ts).
 */
export const NodeFigures = z.object({
  suppressed: z.boolean(),
  eligible: z.number().nullable(),
  completed: z.number().nullable(),
  percent: z.number().nullable(),
  status: TargetStatus.nullable(),
  forecastAtDeadline: z.number().nullable(),
  paceNeeded: z.number().nullable(),
  pace: z.number().nullable(),
});
export type NodeFigures = z.infer<typeof NodeFigures>;

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
  /** How many shown target nodes are met, on track, at risk and behind ("each" targets). */
  summary: z.record(TargetStatus, z.number()),
  /** Target nodes whose figures are suppressed for the caller (not in `summary`). */
  suppressedTargetNodes: z.number(),
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
  /** The programme's courses, in their order. */
  courses: z.array(
    z.object({ code: z.string(), name: z.string(), kind: CourseKind, forTrainers: z.boolean() }),
  ),
  /** A draft: how many people activating it would assign, from which day (null otherwise). */
  preview: z.object({ wouldAssign: z.number(), from: z.string() }).nullable(),
  /** May the caller change the programme (activate, end, exempt, register completions)? */
  canManage: z.boolean(),
  /** May the caller open the programme's trainers, coverage and planning? */
  canReadTrainers: z.boolean(),
  /** Does the caller see people of their own units here (a manager's list of who is done)? */
  canSeePeople: z.boolean(),
  /** May the caller open the list of who is missing, person by person (within their reach)? */
  canListMissing: z.boolean(),
  /** Set when the figures are limited to the caller's own units (a manager). */
  scopeUnitIds: z.array(z.string()).nullable(),
  /** The unit whose sub-units `nodes` holds (level by level), or null when it holds every node. */
  focus: z.string().nullable(),
  /** The units above `focus`, from the top of the caller's tree (breadcrumbs). */
  path: z.array(z.object({ id: z.string(), name: z.string() })),
  targets: z.array(TargetProgress),
});
export type ProgrammeProgress = z.infer<typeof ProgrammeProgress>;

export const ProgressQuery = z.strictObject({ at: Day.optional() });

/**
 * The dashboard level by level: `node` (a unit) and its sub-units, or by default the top of the
 * tree with the political bodies beside it; `node=all` gives every node (exports, scripts).
 */
export const DashboardQuery = ProgressQuery.extend({
  node: z.union([z.uuid(), z.literal('all')]).optional(),
});

export const CompletionSource = z.enum(['self_report', 'manual', 'import', 'session']);
export const CompletionStatus = z.enum(['pending', 'accepted', 'rejected']);

export const CompletionInfo = z.object({
  id: Id,
  courseCode: z.string(),
  courseName: z.string(),
  completedOn: z.string(),
  source: CompletionSource,
  sourceDetail: z.string().nullable(),
  status: CompletionStatus,
  evidenceId: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  decisionNote: z.string().nullable(),
  voided: z.boolean(),
  voidReason: z.string().nullable(),
});
export type CompletionInfo = z.infer<typeof CompletionInfo>;

export const CourseState = z.enum(['done', 'pending', 'todo', 'locked', 'expired']);

export const MyTraining = z.object({
  /** False for an account that is not linked to a person (nothing can be assigned). */
  linked: z.boolean(),
  programmes: z.array(
    z.object({
      id: Id,
      code: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      assignedOn: z.string(),
      dueOn: z.string().nullable(),
      overdue: z.boolean(),
      exemptReason: z.string().nullable(),
      /** Why the person is in the audience: the employment or seat the rule matched. */
      why: z.object({ via: z.enum(['employment', 'seat']), place: z.string() }),
      courses: z.array(
        CourseInfo.extend({
          state: CourseState,
          validUntil: z.string().nullable(),
          canSelfReport: z.boolean(),
          /**
           * Who decides on this person's report or registers a drill: the course's approver,
           * except that someone with no employment has no manager (an elected official): the
           * programme's owners decide then.
           */
          decidedBy: Approver,
        }),
      ),
    }),
  ),
  history: z.array(CompletionInfo),
});
export type MyTraining = z.infer<typeof MyTraining>;

export const SelfReportRequest = z.strictObject({
  courseId: z.uuid(),
  completedOn: Day,
  note: z.string().max(1000).optional(),
  /** Courses that ask for an attestation: "I have completed the course". */
  attest: z.boolean().optional(),
  /** Base64 of a PDF, PNG or JPEG of at most 10 MB. */
  certificate: z
    .strictObject({ fileName: z.string().min(1).max(200), contentBase64: z.string().min(1) })
    .optional(),
});
export type SelfReportRequest = z.infer<typeof SelfReportRequest>;

export const PendingApproval = z.object({
  id: Id,
  person: z.object({ id: Id, name: z.string(), units: z.array(z.string()) }),
  course: z.object({ code: z.string(), name: z.string() }),
  programme: z.object({ code: z.string(), name: z.string() }),
  completedOn: z.string(),
  recordedAt: z.string(),
  evidenceId: z.string().nullable(),
  note: z.string().nullable(),
});
export const PendingApprovals = z.object({ approvals: z.array(PendingApproval) });
export type PendingApprovals = z.infer<typeof PendingApprovals>;

/** A rejection says why: the person reads the reason beside their report. */
export const DecisionRequest = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept'), note: z.string().max(1000).optional() }),
  z.strictObject({ decision: z.literal('reject'), note: z.string().trim().min(3).max(1000) }),
]);

export const RegisterCompletionRequest = z.strictObject({
  personId: z.uuid(),
  courseId: z.uuid(),
  completedOn: Day,
  note: z.string().max(1000).optional(),
});

/** Without a new date the completion is voided; with one it is replaced by a corrected row. */
export const CorrectCompletionRequest = z.strictObject({
  reason: z.string().trim().min(3).max(1000),
  completedOn: Day.optional(),
});

export const ExemptionRequest = z.strictObject({
  personId: z.uuid(),
  /** Empty: lift the exemption. */
  reason: z.string().trim().max(1000),
});

/** A manager's own people in a programme: who is done and who is not yet (never on board views). */
export const ProgrammePeople = z.object({
  unit: z.object({ id: Id, name: z.string() }),
  courses: z.number(),
  people: z.array(
    z.object({
      id: Id,
      name: z.string(),
      unitName: z.string(),
      dueOn: z.string().nullable(),
      overdue: z.boolean(),
      coursesDone: z.number(),
      done: z.boolean(),
      /** When the last of the courses was completed (the day they became done). */
      completedOn: z.string().nullable(),
      exemptReason: z.string().nullable(),
    }),
  ),
});
export type ProgrammePeople = z.infer<typeof ProgrammePeople>;
export const ProgrammePeopleQuery = z.strictObject({ unit: z.uuid().optional() });

const Reason = z.object({
  /** Which rule (0-based) of the include or exclude list matched. */
  rule: z.number(),
  via: z.enum(['employment', 'seat']),
  place: z.string(),
  /** The employment's title or the seat's role that matched, and since when it holds. */
  title: z.string().nullable(),
  seatRole: z.enum(['member', 'substitute', 'chair', 'vice_chair']).nullable(),
  since: z.string(),
  /** The rule as the programme file says it, with names for its units and bodies. */
  says: z.object({
    roles: z.array(z.enum(['employee', 'manager', 'elected_member', 'elected_substitute'])),
    units: z.array(z.string()),
    titles: z.array(z.string()),
    bodies: z.array(z.string()),
    startedWithinDays: z.number().nullable(),
  }),
});

/** A person's programmes: in the audience or not and why, assignment, and completions. */
export const PersonProgrammes = z.object({
  /** May the caller act for the person in any of the programmes? */
  canManage: z.boolean(),
  programmes: z.array(
    z.object({
      id: Id,
      code: z.string(),
      name: z.string(),
      /** May the caller exempt the person and register or correct their completions here? */
      canManage: z.boolean(),
      member: z.boolean(),
      includedBy: Reason.nullable(),
      excludedBy: Reason.nullable(),
      assignment: z
        .object({
          assignedOn: z.string(),
          dueOn: z.string().nullable(),
          exemptReason: z.string().nullable(),
        })
        .nullable(),
      courses: z.array(z.object({ id: Id, code: z.string(), name: z.string() })),
      completions: z.array(CompletionInfo),
    }),
  ),
});
export type PersonProgrammes = z.infer<typeof PersonProgrammes>;

export const MissingStatus = z.enum(['overdue', 'assigned', 'booked', 'done', 'exempt']);
export const MissingCourseState = z.enum(['done', 'pending', 'booked', 'todo', 'expired']);

/** Who is missing: a node (a unit's subtree or a body; none: the caller's whole reach), filters. */
export const MissingFilter = z.strictObject({
  node: z.uuid().optional(),
  status: MissingStatus.optional(),
  /** Part of a name or an employee number. */
  q: z.string().trim().max(100).optional(),
});
export const MissingQuery = MissingFilter.extend({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const MissingExportQuery = MissingFilter.extend({
  format: z.enum(['csv', 'xlsx']),
  lang: z.enum(['sv', 'en']).default('sv'),
});

/** Person by person, where everyone assigned stands on each course (never on board views). */
export const MissingList = z.object({
  programme: z.object({ id: Id, code: z.string(), name: z.string() }),
  /** The unit or body listed (null: everyone the caller reaches). */
  node: z.object({ kind: z.enum(['unit', 'body']), id: Id, name: z.string() }).nullable(),
  asOf: z.string(),
  courses: z.array(z.object({ id: Id, code: z.string(), name: z.string() })),
  /** People per status within the node, after the text filter but before the status filter. */
  counts: z.record(MissingStatus, z.number()),
  /** People matching every filter; `people` is the page of them from `offset`. */
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
  people: z.array(
    z.object({
      id: Id,
      name: z.string(),
      employeeNumber: z.string().nullable(),
      place: z.object({
        kind: z.enum(['unit', 'body']),
        id: Id,
        name: z.string(),
        parent: z.string().nullable(),
        office: z.string().nullable(),
      }),
      dueOn: z.string().nullable(),
      status: MissingStatus,
      exemptReason: z.string().nullable(),
      courses: z.array(z.object({ state: MissingCourseState, date: z.string().nullable() })),
    }),
  ),
});
export type MissingList = z.infer<typeof MissingList>;

/** A provider's list of completions for one of the programme's courses, sent as the body. */
export const CompletionImportQuery = z.strictObject({
  course: Code,
  fileName: z.string().trim().min(1).max(200),
  /** "true": only what importing would do (the default); "false": apply it. */
  dryRun: z.enum(['true', 'false']).default('true'),
});

export const CompletionImportResult = z.object({
  created: z.number(),
  unchanged: z.number(),
  errors: z.array(
    z.object({
      row: z.number().nullable(),
      column: z.string().nullable(),
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      message: z.string(),
    }),
  ),
  errorTotal: z.number(),
  applied: z.boolean(),
  sample: z.array(
    z.object({ row: z.number(), personId: z.string(), name: z.string(), completedOn: z.string() }),
  ),
});
export type CompletionImportResult = z.infer<typeof CompletionImportResult>;

/** Courses of the municipality's programmes to start a new one's course from (the wizard). */
export const ReusableCourses = z.object({
  courses: z.array(
    z.object({
      programme: z.string(),
      code: z.string(),
      name: z.string(),
      kind: CourseKind,
      provider: z.string().nullable(),
      url: z.string().nullable(),
      evidence: Evidence,
      approval: Approver,
    }),
  ),
});
export type ReusableCourses = z.infer<typeof ReusableCourses>;
