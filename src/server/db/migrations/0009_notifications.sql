-- Each account's choices for what reaches it (docs/notifications.md); no row: the defaults.
CREATE TABLE notification_choices (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  email boolean NOT NULL DEFAULT true,
  cadence text NOT NULL DEFAULT 'daily' CHECK (cadence IN ('immediate', 'daily', 'weekly')),
  digest_hour smallint NOT NULL DEFAULT 7 CHECK (digest_hour BETWEEN 0 AND 23),
  digest_weekday smallint NOT NULL DEFAULT 1 CHECK (digest_weekday BETWEEN 1 AND 7),
  quiet_from text CHECK (quiet_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  quiet_to text CHECK (quiet_to ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  daily_cap smallint NOT NULL DEFAULT 3 CHECK (daily_cap BETWEEN 1 AND 50),
  PRIMARY KEY (tenant_id, user_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
  CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
);

-- The outbox: one row per notification, written in the transaction of the event that causes
-- it. The dedup key (recipient, event, subject, period) makes it once-only however often a job
-- runs; `sent_at` is recorded per row, never derived from a moving watermark. The payload holds
-- what the message names (never sensitive content); `link` is the page it leads to.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  recipient_id uuid NOT NULL,
  event text NOT NULL,
  dedup_key text NOT NULL,
  payload jsonb NOT NULL,
  link text NOT NULL CHECK (link LIKE '/%'),
  created_at timestamptz NOT NULL DEFAULT now(),
  due_at timestamptz NOT NULL,
  sent_at timestamptz,
  read_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, dedup_key),
  FOREIGN KEY (tenant_id, recipient_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX notifications_due ON notifications (tenant_id, due_at) WHERE sent_at IS NULL;
CREATE INDEX notifications_recipient ON notifications (tenant_id, recipient_id, created_at);
