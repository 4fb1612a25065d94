-- Each programme's reminder rule, set by its owners (docs/notifications.md); no row: the
-- defaults (due soon 14 days before, overdue every 7 days). Null turns a reminder off.
CREATE TABLE reminder_rules (
  tenant_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  due_soon_days smallint CHECK (due_soon_days BETWEEN 1 AND 90),
  overdue_every_days smallint CHECK (overdue_every_days BETWEEN 1 AND 90),
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, programme_id),
  FOREIGN KEY (tenant_id, programme_id) REFERENCES programmes (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, updated_by) REFERENCES users (tenant_id, id)
);
