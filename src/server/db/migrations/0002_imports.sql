-- Import history: every applied import with its full change list, so it can be shown and undone.

CREATE TABLE import_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  kind text NOT NULL CHECK (kind IN ('units', 'people', 'seats')),
  mode text NOT NULL CHECK (mode IN ('full', 'partial')),
  file_name text NOT NULL,
  effective_date date NOT NULL,
  actor_user_id uuid,
  actor_label text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  counts jsonb NOT NULL,
  undone_at timestamptz,
  undone_by text,
  UNIQUE (tenant_id, id)
);
CREATE INDEX import_runs_tenant ON import_runs (tenant_id, applied_at DESC);

CREATE TABLE import_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL,
  run_id uuid NOT NULL,
  entity text NOT NULL CHECK (entity IN ('unit', 'person', 'employment', 'seat')),
  entity_id uuid NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update')),
  -- What the change is, in the words of the preview: joiner, mover, leaver, changed, created …
  label text NOT NULL,
  row_number integer,
  before jsonb,
  after jsonb,
  FOREIGN KEY (tenant_id, run_id) REFERENCES import_runs (tenant_id, id)
);
CREATE INDEX import_changes_run ON import_changes (run_id, id);

-- Saved column mappings for files whose headers the default profile does not know.
CREATE TABLE import_profiles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  kind text NOT NULL CHECK (kind IN ('units', 'people', 'seats')),
  name text NOT NULL,
  mapping jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, kind, name)
);
