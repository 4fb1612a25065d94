-- Delivery of the outbox (docs/notifications.md). A notification's `sent_at` is set once, in
-- the transaction that decides its delivery: the mail it went out in (`mail_id`), or none when
-- no mail was due (the person chose in-app only, or has no address). Everything due for one
-- person at one moment is one mail.
ALTER TABLE notifications ADD COLUMN mail_id uuid;

-- The mails, each a row before it leaves: without SMTP configured they stay here (`outbox`, the
-- embedded default the administrator reads); with it they are `queued` until the mail server
-- accepted them (`sent`). A mail server that is down moves `next_attempt_at` on, never drops
-- the mail; a sender killed mid-delivery leaves its claim to expire, and the mail is sent again
-- under the same Message-ID.
CREATE TABLE mail_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  recipient_id uuid NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  items integer NOT NULL CHECK (items > 0),
  mandatory boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('outbox', 'queued', 'sent')),
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_until timestamptz,
  last_error text,
  sent_at timestamptz,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, recipient_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX mail_messages_queued ON mail_messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX mail_messages_recipient ON mail_messages (tenant_id, recipient_id, created_at);
CREATE INDEX mail_messages_recent ON mail_messages (tenant_id, created_at);
ALTER TABLE notifications
  ADD FOREIGN KEY (tenant_id, mail_id) REFERENCES mail_messages (tenant_id, id);

-- One row per occurrence of a schedule that ran (its Stockholm time): a second instance, a
-- retried job or the catch-up at start finds the occurrence taken and does nothing.
CREATE TABLE schedule_runs (
  schedule text NOT NULL,
  occurrence timestamptz NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (schedule, occurrence)
);
