-- Where every assigned person stands in a programme, one row per open assignment and place
-- (each employment's unit and each seat's body, with the dates it is in force): their name,
-- due date, exemption, completions of the programme's courses and bookings on its sessions.
-- Derived from the tables below and kept by their triggers in the writing transaction, so "who is
-- missing" reads a node's people as index ranges already in name order, without joining five
-- tables per person (docs/BENCHMARKS.md, scenario 8). No foreign keys: the rows are removed
-- with what they are derived from.
CREATE TABLE assignment_standing (
  tenant_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  place_id uuid NOT NULL,
  in_force_from date NOT NULL,
  in_force_to date,
  last_name text NOT NULL,
  first_name text NOT NULL,
  person_id uuid NOT NULL,
  employee_number text,
  due_on date,
  exempt_reason text,
  -- Unvoided completions of the programme's courses: `course:status:completed_on;…`.
  records text,
  -- Live bookings on the programme's scheduled sessions: `course:starts_at (UTC ISO);…`.
  booked text
);
CREATE INDEX assignment_standing_place ON assignment_standing
  (tenant_id, programme_id, place_id, last_name, first_name, person_id);
CREATE INDEX assignment_standing_person ON assignment_standing (tenant_id, person_id);

-- Recomputes the rows of some people (distinct ids; of one programme, or of all when `programme`
-- is null). The people's rows are locked first, so two transactions changing the same person one
-- after the other leave one set of rows, not both. The statements are planned for each call
-- (EXECUTE) with the number of people known: a plan kept for one person would loop over an
-- import's 56,000 for minutes.
CREATE FUNCTION refresh_standing(t uuid, people uuid[], programme uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM people p JOIN unnest(people) AS x(id) ON p.id = x.id
    WHERE p.tenant_id = t ORDER BY p.id FOR NO KEY UPDATE OF p;
  EXECUTE 'DELETE FROM assignment_standing s USING unnest($2) AS x(id)
    WHERE s.tenant_id = $1 AND s.person_id = x.id AND ($3::uuid IS NULL OR s.programme_id = $3)'
    USING t, people, programme;
  EXECUTE $q$
  INSERT INTO assignment_standing (tenant_id, programme_id, place_id, in_force_from, in_force_to,
    last_name, first_name, person_id, employee_number, due_on, exempt_reason, records, booked)
  WITH who AS (SELECT id FROM unnest($2) AS x(id)),
  rec AS (
    SELECT c.person_id, k.programme_id,
      string_agg(c.course_id::text || ':' || c.status || ':' || c.completed_on::text, ';') AS records
    FROM who JOIN completions c ON c.tenant_id = $1 AND c.person_id = who.id
    JOIN courses k ON k.tenant_id = $1 AND k.id = c.course_id
    WHERE c.voided_at IS NULL AND ($3::uuid IS NULL OR k.programme_id = $3)
    GROUP BY 1, 2),
  bk AS (
    SELECT b.person_id, ts.programme_id, string_agg(ts.course_id::text || ':'
        || to_char(ts.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ';') AS booked
    FROM who JOIN bookings b ON b.tenant_id = $1 AND b.person_id = who.id
    JOIN training_sessions ts ON ts.tenant_id = $1 AND ts.id = b.session_id
    WHERE b.status <> 'cancelled' AND ts.status = 'scheduled'
      AND ($3::uuid IS NULL OR ts.programme_id = $3)
    GROUP BY 1, 2),
  pl AS (
    SELECT e.person_id, e.unit_id AS place_id, e.start_date AS in_force_from,
      e.end_date AS in_force_to
    FROM who JOIN employments e ON e.tenant_id = $1 AND e.person_id = who.id
    UNION ALL
    SELECT s.person_id, s.body_id, s.term_start, s.term_end
    FROM who JOIN seats s ON s.tenant_id = $1 AND s.person_id = who.id)
  SELECT $1, a.programme_id, pl.place_id, pl.in_force_from, pl.in_force_to,
    p.last_name, p.first_name, a.person_id, p.employee_number, a.due_on, a.exempt_reason,
    rec.records, bk.booked
  FROM who
  JOIN assignments a ON a.tenant_id = $1 AND a.person_id = who.id AND a.ended_on IS NULL
    AND ($3::uuid IS NULL OR a.programme_id = $3)
  JOIN people p ON p.tenant_id = $1 AND p.id = who.id
  JOIN pl ON pl.person_id = who.id
  LEFT JOIN rec ON rec.person_id = who.id AND rec.programme_id = a.programme_id
  LEFT JOIN bk ON bk.person_id = who.id AND bk.programme_id = a.programme_id
  $q$ USING t, people, programme;
END
$$;

-- What a transaction changed is noted here (a person, in one programme or in every one when
-- the programme is null) and recomputed once as it commits: an import that changes people,
-- their employments and then their assignments recomputes each person once, not three times.
CREATE TABLE standing_stale (
  tenant_id uuid NOT NULL,
  person_id uuid NOT NULL,
  programme_id uuid,
  UNIQUE NULLS NOT DISTINCT (tenant_id, person_id, programme_id)
);

-- Deferred to the commit, once per noted row: the first to fire recomputes everything the
-- transaction noted for the tenant, the rest find their row gone (another transaction's notes
-- are not visible to it).
CREATE FUNCTION refresh_stale_standing() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  everyone uuid[];
  some_people uuid[];
  their_programmes uuid[];
  r record;
BEGIN
  -- Already done by an earlier row's firing: one index probe (not a scan of what it removed).
  IF NOT EXISTS (SELECT 1 FROM standing_stale s WHERE s.tenant_id = NEW.tenant_id
      AND s.person_id = NEW.person_id AND (s.programme_id = NEW.programme_id
        OR (s.programme_id IS NULL AND NEW.programme_id IS NULL))) THEN
    RETURN NULL;
  END IF;
  WITH gone AS (
    DELETE FROM standing_stale WHERE tenant_id = NEW.tenant_id RETURNING person_id, programme_id
  )
  SELECT array_agg(DISTINCT person_id) FILTER (WHERE programme_id IS NULL),
    array_agg(person_id) FILTER (WHERE programme_id IS NOT NULL),
    array_agg(programme_id) FILTER (WHERE programme_id IS NOT NULL)
  INTO everyone, some_people, their_programmes FROM gone;
  IF everyone IS NOT NULL THEN
    PERFORM refresh_standing(NEW.tenant_id, everyone, NULL);
  END IF;
  FOR r IN SELECT programme, array_agg(DISTINCT person) AS ids
    FROM unnest(some_people, their_programmes) AS u(person, programme)
    WHERE person NOT IN (SELECT unnest(coalesce(everyone, '{}')))
    GROUP BY 1
  LOOP
    PERFORM refresh_standing(NEW.tenant_id, r.ids, r.programme);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER standing_stale_refresh AFTER INSERT ON standing_stale
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refresh_stale_standing();

-- Statement-level, like the data version: a 56,000-row import notes its people in one
-- statement. An update counts only when a column the rows are made of changed.
CREATE FUNCTION standing_after_assignments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO standing_stale SELECT DISTINCT tenant_id, person_id, programme_id FROM new_rows
      ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO standing_stale SELECT DISTINCT tenant_id, person_id, programme_id FROM old_rows
      ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO standing_stale
      SELECT n.tenant_id, n.person_id, n.programme_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.programme_id, n.person_id, n.due_on, n.ended_on, n.exempt_reason)
        IS DISTINCT FROM (o.programme_id, o.person_id, o.due_on, o.ended_on, o.exempt_reason)
      UNION
      SELECT o.tenant_id, o.person_id, o.programme_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.programme_id, n.person_id) IS DISTINCT FROM (o.programme_id, o.person_id)
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- Completions, employments and seats: the people they belong to, every programme.
CREATE FUNCTION standing_after_person_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO standing_stale SELECT DISTINCT tenant_id, person_id, NULL::uuid FROM new_rows
      ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO standing_stale SELECT DISTINCT tenant_id, person_id, NULL::uuid FROM old_rows
      ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO standing_stale
      SELECT n.tenant_id, n.person_id, NULL::uuid FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE standing_columns(TG_TABLE_NAME, to_jsonb(n))
        IS DISTINCT FROM standing_columns(TG_TABLE_NAME, to_jsonb(o))
      UNION
      SELECT o.tenant_id, o.person_id, NULL FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.person_id IS DISTINCT FROM o.person_id
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- The columns of a row the standing is made of (an update touching only others changes nothing).
CREATE FUNCTION standing_columns(tab text, r jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE tab
    WHEN 'completions' THEN jsonb_build_array(r->'person_id', r->'course_id', r->'status',
      r->'completed_on', r->'voided_at')
    WHEN 'employments' THEN jsonb_build_array(r->'person_id', r->'unit_id', r->'start_date',
      r->'end_date')
    WHEN 'seats' THEN jsonb_build_array(r->'person_id', r->'body_id', r->'term_start',
      r->'term_end')
  END
$$;

-- People: a changed name or employee number.
CREATE FUNCTION standing_after_people() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO standing_stale
    SELECT n.tenant_id, n.id, NULL::uuid FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.first_name, n.last_name, n.employee_number)
      IS DISTINCT FROM (o.first_name, o.last_name, o.employee_number)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- A booking changes nothing but the `booked` of its session's programme: those rows are
-- rewritten in place at once, not recomputed at the commit (a booking rush stays cheap). The
-- people's rows are locked first, as for a recomputation, so the statement sees every booking
-- committed before it.
CREATE FUNCTION rebook_standing(t uuid, people uuid[], programmes uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM people p WHERE p.tenant_id = t AND p.id = ANY(people)
    ORDER BY p.id FOR NO KEY UPDATE;
  UPDATE assignment_standing s SET booked = (
      SELECT string_agg(ts.course_id::text || ':'
        || to_char(ts.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ';')
      FROM bookings b JOIN training_sessions ts ON ts.tenant_id = b.tenant_id AND ts.id = b.session_id
      WHERE b.tenant_id = t AND b.person_id = s.person_id AND b.status <> 'cancelled'
        AND ts.status = 'scheduled' AND ts.programme_id = s.programme_id)
  FROM unnest(people, programmes) AS c(person_id, programme_id)
  WHERE s.tenant_id = t AND s.person_id = c.person_id AND s.programme_id = c.programme_id;
END
$$;

CREATE FUNCTION standing_after_bookings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR r IN SELECT x.tenant_id, array_agg(x.person_id) AS people,
        array_agg(x.programme_id) AS programmes
      FROM (SELECT DISTINCT n.tenant_id, n.person_id, ts.programme_id FROM new_rows n
        JOIN training_sessions ts ON ts.tenant_id = n.tenant_id AND ts.id = n.session_id) AS x
      GROUP BY 1 LOOP
      PERFORM rebook_standing(r.tenant_id, r.people, r.programmes);
    END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOR r IN SELECT x.tenant_id, array_agg(x.person_id) AS people,
        array_agg(x.programme_id) AS programmes
      FROM (SELECT DISTINCT o.tenant_id, o.person_id, ts.programme_id FROM old_rows o
        JOIN training_sessions ts ON ts.tenant_id = o.tenant_id AND ts.id = o.session_id) AS x
      GROUP BY 1 LOOP
      PERFORM rebook_standing(r.tenant_id, r.people, r.programmes);
    END LOOP;
  ELSE
    -- An attendance mark changes no booking's place in the standing.
    FOR r IN SELECT x.tenant_id, array_agg(x.person_id) AS people,
        array_agg(x.programme_id) AS programmes
      FROM (SELECT DISTINCT b.tenant_id, b.person_id, ts.programme_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.tenant_id, n.person_id, n.session_id),
          (o.tenant_id, o.person_id, o.session_id)) AS b (tenant_id, person_id, session_id)
        JOIN training_sessions ts ON ts.tenant_id = b.tenant_id AND ts.id = b.session_id
        WHERE (n.status, n.session_id, n.person_id) IS DISTINCT FROM (o.status, o.session_id, o.person_id)
      ) AS x
      GROUP BY 1 LOOP
      PERFORM rebook_standing(r.tenant_id, r.people, r.programmes);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;

-- Sessions: a session moved, cancelled or changed course changes the bookings of its people.
CREATE FUNCTION standing_after_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO standing_stale
    SELECT DISTINCT b.tenant_id, b.person_id, NULL::uuid
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN bookings b ON b.tenant_id = n.tenant_id AND b.session_id = n.id
    WHERE (n.starts_at, n.status, n.course_id, n.programme_id)
      IS DISTINCT FROM (o.starts_at, o.status, o.course_id, o.programme_id)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- Each table's insert, update and delete triggers, with the function that reads its rows.
DO $$
DECLARE
  t text;
  f text;
BEGIN
  FOR t, f IN VALUES ('assignments', 'standing_after_assignments'),
    ('completions', 'standing_after_person_rows'), ('employments', 'standing_after_person_rows'),
    ('seats', 'standing_after_person_rows'), ('bookings', 'standing_after_bookings')
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_standing_insert', t, f);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows '
      'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_standing_update', t, f);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_standing_delete', t, f);
  END LOOP;
END
$$;

CREATE TRIGGER people_standing_update AFTER UPDATE ON people
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION standing_after_people();
CREATE TRIGGER training_sessions_standing_update AFTER UPDATE ON training_sessions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION standing_after_sessions();

-- The rows of what is already there.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT tenant_id, array_agg(DISTINCT person_id) AS ids FROM assignments
    WHERE ended_on IS NULL GROUP BY 1 LOOP
    PERFORM refresh_standing(r.tenant_id, r.ids, NULL);
  END LOOP;
END
$$;
