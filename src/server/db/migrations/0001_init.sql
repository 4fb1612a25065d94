-- Tenants, organisation, political bodies, people, accounts, sessions and audit.
-- Every domain table carries tenant_id; foreign keys between domain tables include
-- tenant_id so a row can never point at another municipality's row.

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE org_units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  parent_id uuid,
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('municipality', 'office', 'department', 'unit')),
  valid_from date,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES org_units (tenant_id, id),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX org_units_parent ON org_units (tenant_id, parent_id);

CREATE TABLE political_bodies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('council', 'board', 'committee')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, code)
);

-- The office(s) that serve a political body (förvaltning under nämnd).
CREATE TABLE body_offices (
  tenant_id uuid NOT NULL,
  body_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, body_id, unit_id),
  FOREIGN KEY (tenant_id, body_id) REFERENCES political_bodies (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES org_units (tenant_id, id)
);

CREATE TABLE people (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  employee_number text,
  official_number text,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, employee_number),
  UNIQUE (tenant_id, official_number)
);
CREATE INDEX people_email ON people (tenant_id, lower(email));

CREATE TABLE employments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  person_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  title text NOT NULL,
  is_manager boolean NOT NULL DEFAULT false,
  employment_form text,
  start_date date NOT NULL,
  end_date date,
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES org_units (tenant_id, id),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX employments_unit ON employments (tenant_id, unit_id);
CREATE INDEX employments_person ON employments (tenant_id, person_id);

CREATE TABLE seats (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  person_id uuid NOT NULL,
  body_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('member', 'substitute', 'chair', 'vice_chair')),
  term_start date NOT NULL,
  term_end date,
  party text,
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, body_id) REFERENCES political_bodies (tenant_id, id),
  CHECK (term_end IS NULL OR term_end >= term_start)
);
CREATE INDEX seats_body ON seats (tenant_id, body_id);
CREATE INDEX seats_person ON seats (tenant_id, person_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  username text NOT NULL CHECK (username = lower(username) AND length(username) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  display_name text NOT NULL,
  person_id uuid,
  locale text NOT NULL DEFAULT 'sv' CHECK (locale IN ('sv', 'en')),
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, username),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
);

-- A role, optionally limited to an organisation subtree or a political body.
CREATE TABLE role_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('administrator', 'programme_owner', 'trainer', 'manager',
    'employee', 'elected_official', 'security_coordinator', 'safety_representative')),
  scope_unit_id uuid,
  scope_body_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, scope_unit_id) REFERENCES org_units (tenant_id, id),
  FOREIGN KEY (tenant_id, scope_body_id) REFERENCES political_bodies (tenant_id, id),
  UNIQUE NULLS NOT DISTINCT (user_id, role, scope_unit_id, scope_body_id)
);
CREATE INDEX role_grants_user ON role_grants (tenant_id, user_id);

-- Server-side sessions; the cookie carries a random token, only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (tenant_id, user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed logins per account name, shared by every app instance (the login throttle).
CREATE TABLE login_failures (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  username text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_lookup ON login_failures (tenant_id, username, failed_at);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  action text NOT NULL,
  object_type text,
  object_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at);
