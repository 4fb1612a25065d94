import type { Locale } from '../contracts/auth.ts';
import { describeError, describeProblem } from '../contracts/error-messages.ts';
import type { ErrorParams, FieldProblem, ProblemCode } from '../contracts/errors.ts';
import { fillTemplate } from '../contracts/template.ts';
import type { AppError } from '../server/http/errors.ts';

/**
 * The language the command line speaks to its user: Swedish unless `--lang en` (or
 * TRYGGVE_LANG=en) says otherwise, like the web. JSON output is the same in both.
 */
let locale: Locale = process.env.TRYGGVE_LANG === 'en' ? 'en' : 'sv';

export const setCliLocale = (value: Locale) => {
  locale = value;
};
export const cliLocale = () => locale;

/**
 * A refusal in the user's language, from its code and params (never the server's English); a
 * refused file lists every problem, one a line.
 */
export function refusalText(error: AppError): string {
  const problems = Array.isArray(error.details) ? (error.details as FieldProblem[]) : [];
  if (error.code === 'validation_failed' && problems.length > 1)
    return problems.map((problem) => describeProblem(problem, locale)).join('\n');
  return describeError(
    {
      code: error.code,
      message: error.message,
      params: error.params,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
    locale,
  );
}

/** One problem of a file, by its row and column: "rad 3, Enhetskod: okänd enhetskod …". */
export function rowProblemText(problem: {
  row: number | null;
  column: string | null;
  code: ProblemCode;
  params?: ErrorParams;
}) {
  const where = [
    problem.row === null ? null : say('row', { row: String(problem.row) }),
    problem.column,
  ]
    .filter(Boolean)
    .join(', ');
  const text = describeProblem(
    { path: '', code: problem.code, ...(problem.params ? { params: problem.params } : {}) },
    locale,
  );
  return where ? `${where}: ${text}` : text;
}

/**
 * What the commands print, in both languages: `{name}` is filled from the values (numbers in
 * the language's digits and decimal comma), `{n:one|other}` chooses the form by the number.
 */
const TEXTS = {
  failed: { sv: 'fel: {message}', en: 'error: {message}' },
  useOneOf: { sv: 'använd en av {list}', en: 'use one of {list}' },
  row: { sv: 'rad {row}', en: 'row {row}' },
  migrated: { sv: 'Körda migreringar: {list}', en: 'Applied: {list}' },
  upToDate: { sv: 'Databasen är aktuell.', en: 'The database is up to date.' },
  tenantCreated: {
    sv: 'Kommunen {code} ({name}) är skapad.',
    en: 'Created tenant {code} ({name}).',
  },
  password: { sv: 'Lösenord: ', en: 'Password: ' },
  userCreated: {
    sv: 'Kontot {username} är skapat i {tenant} med rollen {role}.',
    en: 'Created user {username} in {tenant} with role {role}.',
  },
  accountsCreated: {
    sv: '{created:# konto skapades|# konton skapades} (utan lösenord); {skipped:# person fick inget|# personer fick inget}.',
    en: '{created:# account was created|# accounts were created} (no password); {skipped:# person got none|# people got none}.',
  },
  seconds: { sv: 'Klart på {seconds} s.', en: 'Done in {seconds} s.' },
  positiveInt: {
    sv: 'fel: {name} måste vara ett positivt heltal',
    en: 'error: {name} must be a positive whole number',
  },
  noFile: { sv: 'fel: filen finns inte: {file}', en: 'error: No such file: {file}' },
  courseNeeded: {
    sv: 'fel: genomföranden behöver --course KOD',
    en: 'error: completions need --course CODE',
  },
  demoSummary: {
    sv: 'Demokommunen ”{code}”: {units} enheter, {employees} anställda, {officials} förtroendevalda.',
    en: 'Demo municipality "{code}": {units} units, {employees} employees, {officials} elected officials.',
  },
  demoLogins: {
    sv: 'Demoinloggningar (samma lösenord för alla: {password}):',
    en: 'Demo logins (password for all: {password}):',
  },
  firstStart: {
    sv: 'Första starten: demokommunen skapas (cirka 2 000 anställda) …',
    en: 'First start: creating the demo municipality (about 2,000 employees)…',
  },
  smtp_scheme: {
    sv: 'SMTP_URL ska börja med smtp:// eller smtps://. Ingen e-post skickas förrän den är rättad; den väntar i utkorgen.',
    en: 'SMTP_URL must start with smtp:// or smtps://. No mail is sent until it is fixed; it waits in the outbox.',
  },
  smtp_host: {
    sv: 'SMTP_URL namnger ingen e-postserver. Ingen e-post skickas förrän den är rättad; den väntar i utkorgen.',
    en: 'SMTP_URL names no mail server. No mail is sent until it is fixed; it waits in the outbox.',
  },
  smtp_syntax: {
    sv: 'SMTP_URL är ingen adress som smtp://användare:lösenord@mail.kommun.se:587. Ingen e-post skickas förrän den är rättad; den väntar i utkorgen.',
    en: 'SMTP_URL is not an address like smtp://user:password@mail.example.se:587. No mail is sent until it is fixed; it waits in the outbox.',
  },
  running: {
    sv: 'Tryggve körs på {url} (databas: {kind}, {location})',
    en: 'Tryggve is running at {url} (database: {kind}, {location})',
  },
  importCounts: {
    sv: '{file}: {created} nya, {updated} ändrade, {ended} avslutade, {unchanged} oförändrade',
    en: '{file}: {created} new, {updated} changed, {ended} ended, {unchanged} unchanged',
  },
  completionCounts: {
    sv: '{file}: {created} nya, {unchanged} oförändrade',
    en: '{file}: {created} new, {unchanged} unchanged',
  },
  errorCount: { sv: ', {n:# fel|# fel}', en: ', {n:# error|# errors}' },
  moreErrors: { sv: '  … och {n} fel till', en: '  … and {n:# more error|# more errors}' },
  leavers: {
    sv: '  Den här fullständiga importen skulle avsluta {leaving} av {active} aktiva anställningar. Är filen komplett? Kör igen med --confirm-leavers för att genomföra den.',
    en: '  This full import would end {leaving} of {active} active employees. Is the file complete? Run again with --confirm-leavers to apply.',
  },
  nothingApplied: { sv: 'Inget genomfördes.', en: 'Nothing was applied.' },
  applied: { sv: 'Genomfört.', en: 'Applied.' },
  dryRun: { sv: 'Provkörning: inget genomfördes.', en: 'Dry run: nothing was applied.' },
  validFile: { sv: '{file}: giltig programfil.', en: '{file}: valid programme file.' },
  wholeFile: { sv: '(filen)', en: '(file)' },
  programmeApplied: {
    sv: '{code} {verb} ({status}): {courses:# kurs|# kurser}, {targets:# mål|# mål}',
    en: '{verb} {code} ({status}): {courses:# course|# courses}, {targets:# target|# targets}',
  },
  created: { sv: 'skapat', en: 'Created' },
  updated: { sv: 'uppdaterat', en: 'Updated' },
  synced: {
    sv: '; {assigned} tilldelade, {ended} tilldelningar avslutade.',
    en: '; {assigned} assigned, {ended} assignments ended.',
  },
  syncLine: {
    sv: '{code}: {assigned} tilldelade, {ended} avslutade.',
    en: '{code}: {assigned} assigned, {ended} ended.',
  },
  noActive: { sv: 'Inget aktivt program.', en: 'No active programme.' },
  progressHeader: { sv: '{code} per {date}', en: '{code} as of {date}' },
  progressTarget: {
    sv: '{code}: {name} ({percent} % senast {date})',
    en: '{code}: {name} ({percent} % by {date})',
  },
  forecast: { sv: 'prognos {percent} %', en: 'forecast {percent} %' },
  'status.met': { sv: 'uppnått', en: 'met' },
  'status.on_track': { sv: 'i fas', en: 'on track' },
  'status.at_risk': { sv: 'risk', en: 'at risk' },
  'status.behind': { sv: 'efter', en: 'behind' },
  'programmeStatus.draft': { sv: 'utkast', en: 'draft' },
  'programmeStatus.active': { sv: 'aktivt', en: 'active' },
  'programmeStatus.ended': { sv: 'avslutat', en: 'ended' },
} satisfies Record<string, Record<Locale, string>>;
export type TextKey = keyof typeof TEXTS;

/** A number as the language writes it: "1 234,5" in Swedish, "1,234.5" in English. */
export const number = (value: number) => fillTemplate('{n}', { n: value }, locale);

export const say = (key: TextKey, values: Record<string, string | number> = {}): string =>
  fillTemplate(TEXTS[key][locale], values, locale);
