-- Each app instance keeps the sessions it has looked up (with the user, their grants and the
-- tenant's data version) until it learns they may have changed. Its own writes it sees itself;
-- these triggers tell the other instances, naming the tenant, once the change commits
-- (LISTEN tryggve_changes). Touching a session (last_seen_at) is deliberately not notified: an
-- instance confirms an expiry on a fresh read. Statement-level: one notification per tenant and
-- statement, and PostgreSQL folds identical ones within a transaction.
CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tryggve_changes', tenant_id::text) FROM (SELECT DISTINCT tenant_id FROM changed) AS t;
  RETURN NULL;
END
$$;

CREATE TRIGGER sessions_notify_delete AFTER DELETE ON sessions REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER users_notify_update AFTER UPDATE ON users REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION notify_change();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['role_grants', 'data_versions']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
      'FOR EACH STATEMENT EXECUTE FUNCTION notify_change()', t || '_notify_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
      'FOR EACH STATEMENT EXECUTE FUNCTION notify_change()', t || '_notify_update', t);
  END LOOP;
END
$$;
CREATE TRIGGER role_grants_notify_delete AFTER DELETE ON role_grants
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
