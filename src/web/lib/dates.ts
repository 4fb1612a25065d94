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
