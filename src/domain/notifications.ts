/**
 * When a notification may reach a person, and how many: the rules against floods (dedup,
 * digests, quiet hours, a daily cap) that the outbox and its delivery job follow. Pure: times
 * are instants, the person's choices are Stockholm wall-clock times (docs/notifications.md).
 */
import { addDays, isoWeekday, stockholmDate, stockholmInstant, stockholmLocal } from './dates.ts';

export const NOTIFICATION_EVENTS = [
  'assigned',
  'due_soon',
  'overdue',
  'manager_rollup',
  'completion_approved',
  'completion_rejected',
  'approval_waiting',
  'booking_confirmed',
  'booking_moved',
  'booking_cancelled',
  'promoted',
  'session_reminder',
  'trainer_digest',
  'programme_activated',
  'authority_notice',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/**
 * Notices the law requires (with incidents: the same-day notice to the work environment
 * authority). No choice of the person's holds them back: no mute, digest, quiet hours or cap.
 */
export const MANDATORY_EVENTS: ReadonlySet<NotificationEvent> = new Set(['authority_notice']);

export type Cadence = 'immediate' | 'daily' | 'weekly';

export interface NotificationChoices {
  /** Off: nothing but mandatory notices by e-mail (in-app is always kept). */
  email: boolean;
  cadence: Cadence;
  /** Stockholm hour (0–23) a daily or weekly digest goes out. */
  digestHour: number;
  /** ISO weekday of the weekly digest: 1 Monday … 7 Sunday. */
  digestWeekday: number;
  /** Stockholm `HH:mm`: nothing but mandatory notices from `from` to `to` (may span midnight). */
  quiet: { from: string; to: string } | null;
  /** Messages (not items: a digest is one) a day at most, mandatory ones not counted. */
  dailyCap: number;
}

export const DEFAULT_CHOICES: NotificationChoices = {
  email: true,
  cadence: 'daily',
  digestHour: 7,
  digestWeekday: 1,
  quiet: { from: '20:00', to: '07:00' },
  dailyCap: 3,
};

/** ISO 8601 week of a calendar date, as `YYYY-Www` (the year the week's Thursday falls in). */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1, 12);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * The key that makes a notification once-only: the same recipient, event, subject (an
 * assignment, a booking, a session…) and period is one row, however often a job runs or
 * retries. The period is what may repeat: a due date, a Stockholm day or ISO week, a session's
 * start.
 */
export function dedupKey(input: {
  recipient: string;
  event: NotificationEvent;
  subject: string;
  period: string;
}): string {
  for (const [name, value] of Object.entries(input))
    if (value === '' || value.includes('|')) throw new Error(`dedup key: bad ${name}: ${value}`);
  return [input.recipient, input.event, input.subject, input.period].join('|');
}

const minutesOf = (hhmm: string) => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`not a time of day: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
};

/** Whether an instant falls in the person's quiet hours (from inclusive, to exclusive). */
export function inQuietHours(quiet: NotificationChoices['quiet'], at: Date): boolean {
  if (!quiet) return false;
  const local = stockholmLocal(at);
  const now = minutesOf(local.slice(11, 16));
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** The first instant at or after `at` outside the quiet hours. */
export function afterQuietHours(quiet: NotificationChoices['quiet'], at: Date): Date {
  if (!quiet || !inQuietHours(quiet, at)) return at;
  const local = stockholmLocal(at);
  const today = local.slice(0, 10);
  const endsToday = stockholmInstant(`${today}T${quiet.to}`);
  // Before midnight in a window that spans it, the quiet ends tomorrow.
  return endsToday > at ? endsToday : stockholmInstant(`${addDays(today, 1)}T${quiet.to}`);
}

const at = (date: string, hour: number) =>
  stockholmInstant(`${date}T${String(hour).padStart(2, '0')}:00`);

/**
 * When a notification created at `created` goes out: a mandatory one at once; by the person's
 * cadence the next digest (today's hour if still ahead, else the next day's or week's), an
 * immediate one at once — either moved past quiet hours.
 */
export function deliveryTime(
  event: NotificationEvent,
  choices: NotificationChoices,
  created: Date,
): Date {
  if (MANDATORY_EVENTS.has(event)) return created;
  if (choices.cadence === 'immediate') return afterQuietHours(choices.quiet, created);
  const today = stockholmDate(created);
  for (let days = 0; days <= 7; days++) {
    const date = addDays(today, days);
    if (choices.cadence === 'weekly' && isoWeekday(date) !== choices.digestWeekday) continue;
    const slot = at(date, choices.digestHour);
    if (slot >= created) return afterQuietHours(choices.quiet, slot);
  }
  throw new Error('no digest slot within a week');
}

export interface PendingItem {
  id: string;
  event: NotificationEvent;
  /** When it is due to go (deliveryTime). */
  due: Date;
}

export interface SendPlan {
  /** Items to send now as one message (a digest when several), in the order given. */
  now: PendingItem[];
  /** Items held back by the cap, and when they may go next. */
  later: { items: PendingItem[]; at: Date } | null;
}

/**
 * What one recipient's due items come to at `now`: everything due goes as one message; when
 * the day's cap of messages is reached, all but the mandatory items wait for the next day
 * (past its quiet hours). Mandatory items always go, and are not counted against the cap.
 */
export function planSend(input: {
  items: readonly PendingItem[];
  choices: NotificationChoices;
  /** Messages already sent to the recipient today (Stockholm), mandatory ones not counted. */
  sentToday: number;
  now: Date;
}): SendPlan {
  const { items, choices, sentToday, now } = input;
  const due = items.filter((item) => item.due <= now);
  const mandatory = due.filter((item) => MANDATORY_EVENTS.has(item.event));
  const rest = due.filter((item) => !MANDATORY_EVENTS.has(item.event));
  if (rest.length === 0 || sentToday < choices.dailyCap) return { now: due, later: null };
  const tomorrow = stockholmInstant(`${addDays(stockholmDate(now), 1)}T00:00`);
  return { now: mandatory, later: { items: rest, at: afterQuietHours(choices.quiet, tomorrow) } };
}

/** Placeholders a template uses (`{name}`), in order of first use. */
export function placeholders(template: string): string[] {
  const found: string[] = [];
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1] ?? '';
    if (!found.includes(name)) found.push(name);
  }
  return found;
}

/** The placeholders of a template that its event does not offer (a template saved with one is refused). */
export function unknownPlaceholders(template: string, offered: readonly string[]): string[] {
  return placeholders(template).filter((name) => !offered.includes(name));
}

/** A template with its placeholders filled; throws on one without a value (never sent half-filled). */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template placeholder without a value: ${name}`);
    return value;
  });
}
