/** Municipal dates are Swedish calendar dates, whatever the server's time zone. */
export const TIME_ZONE = 'Europe/Stockholm';

const isoDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Stockholm at `instant`, as YYYY-MM-DD. */
export function stockholmDate(instant: Date): string {
  return isoDate.format(instant);
}

/** Whether a period [start, end] (end inclusive, open when null) contains `date`. */
export function isActiveOn(date: string, start: string | null, end: string | null): boolean {
  return (start === null || start <= date) && (end === null || end >= date);
}

/** The calendar date `days` after `date` (negative: before), both YYYY-MM-DD. */
/** ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar date `months` after `date` (the 31st becomes the month's last day rolled over). */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The last day a completion still counts, or null when it never expires. */
export const validUntil = (completedOn: string, months: number | null) =>
  months === null ? null : addMonths(completedOn, months);

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Minutes Stockholm is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function stockholmOffsetMinutes(instant: number): number {
  const parts = Object.fromEntries(
    wallClock.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant a Stockholm wall-clock time (`YYYY-MM-DDTHH:mm`) names. A time repeated in autumn
 * is the first of the two; a time skipped in spring moves forward by the hour skipped.
 */
export function stockholmInstant(local: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new Error(`not a local time: ${local}`);
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const halfDay = 12 * 60 * 60_000;
  const before = stockholmOffsetMinutes(asUtc - halfDay);
  const offsets = new Set([before, stockholmOffsetMinutes(asUtc + halfDay)]);
  const valid = [...offsets]
    .map((offset) => asUtc - offset * 60_000)
    .filter((instant) => stockholmOffsetMinutes(instant) * 60_000 === asUtc - instant)
    .sort((a, b) => a - b);
  return new Date(valid[0] ?? asUtc - before * 60_000);
}

/** Stockholm wall-clock time at `instant`, as `YYYY-MM-DDTHH:mm` (what a time input shows). */
export function stockholmLocal(instant: Date): string {
  const shifted = new Date(instant.getTime() + stockholmOffsetMinutes(instant.getTime()) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
