import type { ColumnType, Generated } from 'kysely';
import type { StoredAudience, StoredDue } from '../../domain/assignment.ts';
import type { Role } from '../../domain/roles.ts';

/** A `date` column: read as 'YYYY-MM-DD' text (never a Date, which would shift by time zone). */
type DateText = string;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface TenantsTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface OrgUnitsTable {
  id: Generated<string>;
  tenant_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  kind: 'municipality' | 'office' | 'department' | 'unit';
  valid_from: DateText | null;
  valid_to: DateText | null;
  created_at: CreatedAt;
}

export interface PoliticalBodiesTable {
  id: Generated<string>;
  tenant_id: string;
  code: string;
  name: string;
  kind: 'council' | 'board' | 'committee';
  created_at: CreatedAt;
}

export interface BodyOfficesTable {
  tenant_id: string;
  body_id: string;
  unit_id: string;
}

export interface PeopleTable {
  id: Generated<string>;
  tenant_id: string;
  employee_number: string | null;
  official_number: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  created_at: CreatedAt;
}

export interface EmploymentsTable {
  id: Generated<string>;
  tenant_id: string;
  person_id: string;
  unit_id: string;
  title: string;
  is_manager: boolean;
  employment_form: string | null;
  start_date: DateText;
  end_date: DateText | null;
}

export interface SeatsTable {
  id: Generated<string>;
  tenant_id: string;
  person_id: string;
  body_id: string;
  role: 'member' | 'substitute' | 'chair' | 'vice_chair';
  term_start: DateText;
  term_end: DateText | null;
  party: string | null;
}

export interface UsersTable {
  id: Generated<string>;
  tenant_id: string;
  username: string;
  password_hash: string | null;
  display_name: string;
  person_id: string | null;
  locale: 'sv' | 'en';
  disabled_at: Date | null;
  created_at: CreatedAt;
}

export interface RoleGrantsTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  role: Role;
  scope_unit_id: string | null;
  scope_body_id: string | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: string;
  tenant_id: string;
  user_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
}

export interface LoginFailuresTable {
  tenant_id: string;
  username: string;
  failed_at: ColumnType<Date, Date | undefined, never>;
}

export interface AuditLogTable {
  id: Generated<number>;
  tenant_id: string;
  at: CreatedAt;
  actor_user_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface ImportRunsTable {
  id: Generated<string>;
  tenant_id: string;
  kind: 'units' | 'people' | 'seats';
  mode: 'full' | 'partial';
  file_name: string;
  effective_date: DateText;
  actor_user_id: string | null;
  actor_label: string;
  applied_at: CreatedAt;
  counts: ColumnType<Record<string, number>, string, string>;
  undone_at: Date | null;
  undone_by: string | null;
}

export interface ImportChangesTable {
  id: Generated<number>;
  tenant_id: string;
  run_id: string;
  entity: 'unit' | 'person' | 'employment' | 'seat';
  entity_id: string;
  action: 'create' | 'update';
  label: string;
  row_number: number | null;
  before: ColumnType<Record<string, unknown> | null, string | null, never>;
  after: ColumnType<Record<string, unknown> | null, string | null, never>;
}

export interface ImportProfilesTable {
  id: Generated<string>;
  tenant_id: string;
  kind: 'units' | 'people' | 'seats';
  name: string;
  mapping: ColumnType<Record<string, string>, string, string>;
  created_at: CreatedAt;
}

export interface ProgrammesTable {
  id: Generated<string>;
  tenant_id: string;
  code: string;
  name: string;
  topic: string;
  description: string | null;
  decision_body_id: string;
  decision_date: DateText;
  decision_reference: string;
  period_start: DateText;
  period_end: DateText;
  status: 'draft' | 'active' | 'ended';
  audience: ColumnType<StoredAudience, string, string>;
  due: ColumnType<StoredDue, string, string>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProgrammeOwnersTable {
  tenant_id: string;
  programme_id: string;
  user_id: string;
}

export interface CoursesTable {
  id: Generated<string>;
  tenant_id: string;
  programme_id: string;
  code: string;
  name: string;
  kind: 'web_course' | 'session' | 'e_learning' | 'drill';
  provider: string | null;
  url: string | null;
  level: number;
  valid_for_months: number | null;
  evidence: 'none' | 'certificate' | 'attestation';
  approval: 'none' | 'manager' | 'trainer' | 'programme_owner';
  position: number;
  for_trainers: ColumnType<boolean, boolean | undefined, boolean>;
  session_capacity: number | null;
}

export interface CourseModulesTable {
  tenant_id: string;
  course_id: string;
  code: string;
  name: string;
  position: number;
}

export interface CoursePrerequisitesTable {
  tenant_id: string;
  course_id: string;
  requires_course_id: string;
}

export interface TargetsTable {
  id: Generated<string>;
  tenant_id: string;
  programme_id: string;
  code: string;
  name: string;
  /** numeric: read as text by both drivers. */
  percent: ColumnType<string, number, number>;
  by_date: DateText;
  population: 'all' | 'employees' | 'elected_officials';
  scope_level: 'office' | 'department' | 'unit' | 'committee' | null;
  position: number;
}

export interface TargetCoursesTable {
  tenant_id: string;
  target_id: string;
  course_id: string;
}

export interface AssignmentsTable {
  id: Generated<string>;
  tenant_id: string;
  programme_id: string;
  person_id: string;
  assigned_on: DateText;
  due_on: DateText | null;
  ended_on: DateText | null;
  end_reason: string | null;
  reason: ColumnType<Record<string, unknown>, string, never>;
  exempt_reason: string | null;
  exempted_by: string | null;
  exempted_at: Date | null;
  created_at: CreatedAt;
}

export interface EvidenceFilesTable {
  id: Generated<string>;
  tenant_id: string;
  person_id: string;
  file_name: string;
  content_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_by_label: string;
  uploaded_at: CreatedAt;
}

export interface CompletionsTable {
  id: Generated<string>;
  tenant_id: string;
  person_id: string;
  course_id: string;
  completed_on: DateText;
  source: 'self_report' | 'manual' | 'import' | 'session';
  source_detail: string | null;
  status: 'pending' | 'accepted' | 'rejected';
  evidence_file_id: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: CreatedAt;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  corrects_id: string | null;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface DataVersionsTable {
  tenant_id: string;
  /** bigint: read as a number by both drivers. */
  version: number;
}

/**
 * Where each assigned person stands per place, kept by triggers (migration 0008); read-only
 * to the application.
 */
export interface AssignmentStandingTable {
  tenant_id: ColumnType<string, never, never>;
  programme_id: ColumnType<string, never, never>;
  place_id: ColumnType<string, never, never>;
  in_force_from: ColumnType<DateText, never, never>;
  in_force_to: ColumnType<DateText | null, never, never>;
  last_name: ColumnType<string, never, never>;
  first_name: ColumnType<string, never, never>;
  person_id: ColumnType<string, never, never>;
  employee_number: ColumnType<string | null, never, never>;
  due_on: ColumnType<DateText | null, never, never>;
  exempt_reason: ColumnType<string | null, never, never>;
  records: ColumnType<string | null, never, never>;
  booked: ColumnType<string | null, never, never>;
}

/** What a transaction changed, until its commit recomputes the standing (triggers only). */
export interface StandingStaleTable {
  tenant_id: ColumnType<string, never, never>;
  person_id: ColumnType<string, never, never>;
  programme_id: ColumnType<string | null, never, never>;
}

export interface ReminderRulesTable {
  tenant_id: string;
  programme_id: string;
  due_soon_days: number | null;
  overdue_every_days: number | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface NotificationChoicesTable {
  tenant_id: string;
  user_id: string;
  email: Generated<boolean>;
  cadence: Generated<'immediate' | 'daily' | 'weekly'>;
  digest_hour: Generated<number>;
  digest_weekday: Generated<number>;
  quiet_from: string | null;
  quiet_to: string | null;
  daily_cap: Generated<number>;
}

export interface NotificationsTable {
  id: Generated<string>;
  tenant_id: string;
  recipient_id: string;
  event: string;
  dedup_key: string;
  payload: ColumnType<Record<string, string>, string, never>;
  link: string;
  created_at: CreatedAt;
  due_at: Date;
  sent_at: Date | null;
  read_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
  mail_id: string | null;
}

export interface MailMessagesTable {
  id: Generated<string>;
  tenant_id: string;
  recipient_id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  items: number;
  mandatory: boolean;
  status: 'outbox' | 'queued' | 'sent';
  created_at: CreatedAt;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  claimed_until: Date | null;
  last_error: string | null;
  sent_at: Date | null;
}

export interface ScheduleRunsTable {
  schedule: string;
  occurrence: Date;
  started_at: CreatedAt;
}

export interface TrainerRegistrationsTable {
  id: Generated<string>;
  tenant_id: string;
  programme_id: string;
  person_id: string;
  registered_on: DateText;
  valid_until: DateText | null;
  note: string | null;
  registered_by: string | null;
  registered_by_label: string;
  revoked_at: Date | null;
}

export interface TrainerUnitsTable {
  tenant_id: string;
  programme_id: string;
  person_id: string;
  unit_id: string;
}

export interface TrainingSessionsTable {
  id: Generated<string>;
  tenant_id: string;
  programme_id: string;
  course_id: string;
  module_code: string | null;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  online_url: string | null;
  capacity: number;
  cancel_cutoff_hours: number;
  note: string | null;
  status: ColumnType<'scheduled' | 'cancelled', 'scheduled' | 'cancelled' | undefined>;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SessionTrainersTable {
  tenant_id: string;
  session_id: string;
  person_id: string;
}

export interface SessionUnitsTable {
  tenant_id: string;
  session_id: string;
  unit_id: string;
}

export interface BookingsTable {
  id: Generated<string>;
  tenant_id: string;
  session_id: string;
  person_id: string;
  status: 'booked' | 'waiting' | 'cancelled';
  walk_in: ColumnType<boolean, boolean | undefined, boolean>;
  booked_by: string | null;
  booked_by_label: string;
  booked_at: CreatedAt;
  promoted_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by_label: string | null;
  attendance: 'present' | 'absent' | null;
  attendance_by_label: string | null;
  attendance_at: Date | null;
  completion_id: string | null;
}

export interface CalendarFeedsTable {
  id: Generated<string>;
  tenant_id: string;
  person_id: string;
  /** The account that made the feed (null only for feeds revoked by migration 0006). */
  user_id: string | null;
  token_hash: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface Database {
  tenants: TenantsTable;
  org_units: OrgUnitsTable;
  political_bodies: PoliticalBodiesTable;
  body_offices: BodyOfficesTable;
  people: PeopleTable;
  employments: EmploymentsTable;
  seats: SeatsTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  import_runs: ImportRunsTable;
  import_changes: ImportChangesTable;
  import_profiles: ImportProfilesTable;
  programmes: ProgrammesTable;
  programme_owners: ProgrammeOwnersTable;
  courses: CoursesTable;
  course_modules: CourseModulesTable;
  course_prerequisites: CoursePrerequisitesTable;
  targets: TargetsTable;
  target_courses: TargetCoursesTable;
  assignments: AssignmentsTable;
  evidence_files: EvidenceFilesTable;
  completions: CompletionsTable;
  data_versions: DataVersionsTable;
  assignment_standing: AssignmentStandingTable;
  standing_stale: StandingStaleTable;
  notification_choices: NotificationChoicesTable;
  notifications: NotificationsTable;
  mail_messages: MailMessagesTable;
  schedule_runs: ScheduleRunsTable;
  reminder_rules: ReminderRulesTable;
  trainer_registrations: TrainerRegistrationsTable;
  trainer_units: TrainerUnitsTable;
  training_sessions: TrainingSessionsTable;
  session_trainers: SessionTrainersTable;
  session_units: SessionUnitsTable;
  bookings: BookingsTable;
  calendar_feeds: CalendarFeedsTable;
}
