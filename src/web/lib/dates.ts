import type { Locale } from '../../contracts/auth.ts';

/** A calendar date (YYYY-MM-DD) in the user's language; dates are Swedish calendar dates. */
export function formatDate(locale: Locale, date: string): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** Today in Stockholm, as YYYY-MM-DD (what date inputs default to). */
export function todayInStockholm(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

export function formatNumber(locale: Locale, value: number): string {
  return value.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB');
}

const zone = { timeZone: 'Europe/Stockholm' } as const;

/** An instant as a Stockholm date and time ("tis 1 dec. 2026 09:00"). */
export function formatDateTime(locale: Locale, instant: string): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    ...zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}

/** A session's time: its start as date and time, its end as a time ("… 09:00–11:30"). */
export function formatTimeRange(locale: Locale, start: string, end: string): string {
  const time = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    ...zone,
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${formatDateTime(locale, start)}–${time.format(new Date(end))}`;
}
