-- A calendar feed belongs to the account that created it: when that account is disabled, or is
-- no longer the person's, the feed stops answering. Feeds made before this migration are given
-- the person's account (the newest, when there are several); a person without one keeps none.
ALTER TABLE calendar_feeds ADD COLUMN user_id uuid;
UPDATE calendar_feeds f SET user_id = (
  SELECT u.id FROM users u
   WHERE u.tenant_id = f.tenant_id AND u.person_id = f.person_id
   ORDER BY u.created_at DESC LIMIT 1);
UPDATE calendar_feeds SET revoked_at = now() WHERE user_id IS NULL AND revoked_at IS NULL;
ALTER TABLE calendar_feeds
  ADD FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE;
