-- Programmes: a political decision turned into courses, an audience, assignments, completions
-- and targets. Audience rules and due-date rules are stored as JSON in the shape of
-- src/domain/audience.ts (unit and body ids, not codes), validated by the service.

CREATE TABLE programmes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  code text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  topic text NOT NULL,
  description text,
  decision_body_id uuid NOT NULL,
  decision_date date NOT NULL,
  decision_reference text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'active', 'ended')),
  audience jsonb NOT NULL,
  due jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, decision_body_id) REFERENCES political_bodies (tenant_id, id),
  CHECK (period_end >= period_start)
);

CREATE TABLE programme_owners (
  tenant_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, programme_id, user_id),
  FOREIGN KEY (tenant_id, programme_id) REFERENCES programmes (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);

-- Course codes are unique in a municipality: a completion names its course by code.
CREATE TABLE courses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('web_course', 'session', 'e_learning', 'drill')),
  provider text,
  url text,
  level integer NOT NULL CHECK (level BETWEEN 1 AND 10),
  valid_for_months integer CHECK (valid_for_months BETWEEN 1 AND 120),
  evidence text NOT NULL CHECK (evidence IN ('none', 'certificate', 'attestation')),
  approval text NOT NULL CHECK (approval IN ('none', 'manager', 'trainer', 'programme_owner')),
  position integer NOT NULL,
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, programme_id) REFERENCES programmes (tenant_id, id)
);
CREATE INDEX courses_programme ON courses (tenant_id, programme_id);

CREATE TABLE course_modules (
  tenant_id uuid NOT NULL,
  course_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (tenant_id, course_id, code),
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE course_prerequisites (
  tenant_id uuid NOT NULL,
  course_id uuid NOT NULL,
  requires_course_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, course_id, requires_course_id),
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, requires_course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE
);

-- scope_level NULL: the municipality as a whole; otherwise the percentage in every node of it.
CREATE TABLE targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  percent numeric(5, 2) NOT NULL CHECK (percent > 0 AND percent <= 100),
  by_date date NOT NULL,
  population text NOT NULL CHECK (population IN ('all', 'employees', 'elected_officials')),
  scope_level text CHECK (scope_level IN ('office', 'department', 'unit', 'committee')),
  position integer NOT NULL,
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, programme_id, code),
  FOREIGN KEY (tenant_id, programme_id) REFERENCES programmes (tenant_id, id) ON DELETE CASCADE
);

-- The courses a person must have completed (all of them) to count for the target.
CREATE TABLE target_courses (
  tenant_id uuid NOT NULL,
  target_id uuid NOT NULL,
  course_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, target_id, course_id),
  FOREIGN KEY (tenant_id, target_id) REFERENCES targets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id)
);

-- A person is in a programme's audience from assigned_on until the day before ended_on. A
-- leaver's assignment is ended, never deleted, so a past date's denominator can be answered;
-- rejoining opens a new row.
CREATE TABLE assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  person_id uuid NOT NULL,
  assigned_on date NOT NULL,
  due_on date,
  ended_on date,
  end_reason text,
  -- Why the person was assigned: the include rule and the employment or seat it matched.
  reason jsonb NOT NULL,
  exempt_reason text,
  exempted_by uuid,
  exempted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, programme_id) REFERENCES programmes (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, exempted_by) REFERENCES users (tenant_id, id),
  CHECK (ended_on IS NULL OR ended_on >= assigned_on),
  CHECK ((exempt_reason IS NULL) = (exempted_at IS NULL))
);
CREATE UNIQUE INDEX assignments_open ON assignments (tenant_id, programme_id, person_id)
  WHERE ended_on IS NULL;
CREATE INDEX assignments_person ON assignments (tenant_id, person_id);
CREATE INDEX assignments_programme ON assignments (tenant_id, programme_id, person_id);

-- Certificates and other evidence, kept in the database: no file paths to traverse, in the same
-- transaction and backup as the completion that refers to them.
CREATE TABLE evidence_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  person_id uuid NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid,
  uploaded_by_label text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, uploaded_by) REFERENCES users (tenant_id, id)
);

-- Only accepted, non-voided completions count. A correction voids a row (who, when, why) and,
-- where it changes the facts, adds a new row that names the one it corrects.
CREATE TABLE completions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  person_id uuid NOT NULL,
  course_id uuid NOT NULL,
  completed_on date NOT NULL,
  source text NOT NULL CHECK (source IN ('self_report', 'manual', 'import', 'session')),
  source_detail text,
  status text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
  evidence_file_id uuid,
  note text,
  recorded_by uuid,
  recorded_by_label text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_at timestamptz,
  decision_note text,
  corrects_id uuid,
  voided_at timestamptz,
  voided_by uuid,
  void_reason text,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id),
  FOREIGN KEY (tenant_id, evidence_file_id) REFERENCES evidence_files (tenant_id, id),
  FOREIGN KEY (tenant_id, recorded_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, decided_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, voided_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, corrects_id) REFERENCES completions (tenant_id, id),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
);
CREATE INDEX completions_counting ON completions (tenant_id, course_id, person_id, completed_on)
  WHERE status = 'accepted' AND voided_at IS NULL;
CREATE INDEX completions_person ON completions (tenant_id, person_id);
CREATE INDEX completions_pending ON completions (tenant_id, course_id)
  WHERE status = 'pending' AND voided_at IS NULL;

-- A per-tenant counter that moves whenever anything a programme's figures depend on changes, so
-- every app instance can keep computed dashboards and know, with one indexed read, whether they
-- are still true. Statement-level triggers: a 56,000-row import bumps it once, not per row.
CREATE TABLE data_versions (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
  version bigint NOT NULL
);

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_versions AS v (tenant_id, version)
    SELECT DISTINCT tenant_id, 1 FROM changed
  ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['org_units', 'political_bodies', 'employments', 'seats', 'programmes',
    'courses', 'targets', 'target_courses', 'assignments', 'completions']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()', t || '_version_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()', t || '_version_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
      'FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()', t || '_version_delete', t);
  END LOOP;
END
$$;
