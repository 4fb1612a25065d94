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
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
