import type { Locale } from './auth.ts';

const TAGS: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

/**
 * Fills `{name}` from `values` (a number in the locale's digits and decimal sign, "1 234,5"
 * in Swedish); `{name:one|other}` chooses the singular or plural form by the number, `#` being
 * the number itself: `'{count:# plats|# platser}'`. A placeholder without a value stays as it
 * is. Shared by the web's texts, the error messages and the command line.
 */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string | number>> = {},
  locale: Locale = 'sv',
): string {
  const tag = TAGS[locale];
  return template.replace(
    /\{(\w+)(?::([^|{}]*)\|([^{}]*))?\}/g,
    (whole, key: string, one?: string, other?: string) => {
      const value = values[key];
      if (value === undefined) return whole;
      const text = typeof value === 'number' ? value.toLocaleString(tag) : value;
      if (one === undefined || other === undefined || typeof value !== 'number') return text;
      const form = new Intl.PluralRules(tag).select(value) === 'one' ? one : other;
      return form.replaceAll('#', text);
    },
  );
}
