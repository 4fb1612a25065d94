-- Accounts made for single sign-on (from the people register's e-mail) have no local password
-- until an administrator sets one; signing in with a password then fails like a wrong one.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;

-- An account's page shows what was done to it and when it last signed in.
CREATE INDEX audit_log_object ON audit_log (tenant_id, object_type, object_id, at);
CREATE INDEX audit_log_actor ON audit_log (tenant_id, actor_user_id, at);
