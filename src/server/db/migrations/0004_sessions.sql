-- Trainers and sessions: train the trainer, run group sessions, book, keep attendance.

-- A course taken by a programme's trainers (train the trainer), not by its audience; and the
-- usual number of seats of a session-based course (the planning arithmetic divides by it).
ALTER TABLE courses ADD COLUMN for_trainers boolean NOT NULL DEFAULT false;
ALTER TABLE courses ADD COLUMN session_capacity integer
  CHECK (session_capacity BETWEEN 1 AND 1000);

-- A programme owner registers a trainer by hand (qualified elsewhere, or before the trainer
-- course existed). Completing every trainer course of the programme qualifies a person too.
CREATE TABLE trainer_registrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  person_id uuid NOT NULL,
  registered_on date NOT NULL,
  valid_until date,
  note text,
  registered_by uuid,
  registered_by_label text NOT NULL,
  revoked_at timestamptz,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, programme_id) REFERENCES programmes (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, registered_by) REFERENCES users (tenant_id, id),
  CHECK (valid_until IS NULL OR valid_until >= registered_on)
);
CREATE UNIQUE INDEX trainer_registrations_open ON trainer_registrations
  (tenant_id, programme_id, person_id) WHERE revoked_at IS NULL;

-- The offices, departments or units a trainer serves for a programme (their subtrees).
CREATE TABLE trainer_units (
  tenant_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  person_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, programme_id, person_id, unit_id),
  FOREIGN KEY (tenant_id, programme_id) REFERENCES programmes (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES org_units (tenant_id, id)
);

-- A group session of a session-based course (or of one module of it). Times are instants;
-- the screens show them in Europe/Stockholm.
CREATE TABLE training_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  course_id uuid NOT NULL,
  module_code text,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  place text,
  online_url text,
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  cancel_cutoff_hours integer NOT NULL DEFAULT 24 CHECK (cancel_cutoff_hours BETWEEN 0 AND 720),
  note text,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  cancel_reason text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, programme_id) REFERENCES programmes (tenant_id, id),
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
  CHECK (ends_at > starts_at),
  CHECK (place IS NOT NULL OR online_url IS NOT NULL)
);
CREATE INDEX training_sessions_programme ON training_sessions (tenant_id, programme_id, starts_at);
CREATE INDEX training_sessions_upcoming ON training_sessions (tenant_id, starts_at)
  WHERE status = 'scheduled';

CREATE TABLE session_trainers (
  tenant_id uuid NOT NULL,
  session_id uuid NOT NULL,
  person_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, session_id, person_id),
  FOREIGN KEY (tenant_id, session_id) REFERENCES training_sessions (tenant_id, id)
    ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX session_trainers_person ON session_trainers (tenant_id, person_id);

-- No rows: open to everyone the course is assigned to. Otherwise to these units' subtrees.
CREATE TABLE session_units (
  tenant_id uuid NOT NULL,
  session_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, session_id, unit_id),
  FOREIGN KEY (tenant_id, session_id) REFERENCES training_sessions (tenant_id, id)
    ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, unit_id) REFERENCES org_units (tenant_id, id)
);

-- A seat (booked), a place in the queue (waiting, in booked_at order) or a cancelled booking.
-- Attendance is kept on the booking; "present" creates the completion it names.
CREATE TABLE bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  session_id uuid NOT NULL,
  person_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('booked', 'waiting', 'cancelled')),
  walk_in boolean NOT NULL DEFAULT false,
  booked_by uuid,
  booked_by_label text NOT NULL,
  booked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  promoted_at timestamptz,
  cancelled_at timestamptz,
  cancelled_by_label text,
  attendance text CHECK (attendance IN ('present', 'absent')),
  attendance_by_label text,
  attendance_at timestamptz,
  completion_id uuid,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, session_id) REFERENCES training_sessions (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  FOREIGN KEY (tenant_id, booked_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, completion_id) REFERENCES completions (tenant_id, id),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
CREATE UNIQUE INDEX bookings_open ON bookings (tenant_id, session_id, person_id)
  WHERE status <> 'cancelled';
CREATE INDEX bookings_person ON bookings (tenant_id, person_id) WHERE status <> 'cancelled';

-- A subscribable calendar per person (their bookings and the sessions they train). Only the
-- SHA-256 of the token is kept; a new token revokes the old one.
CREATE TABLE calendar_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  person_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
);
CREATE UNIQUE INDEX calendar_feeds_open ON calendar_feeds (tenant_id, person_id)
  WHERE revoked_at IS NULL;
