/**
 * What a notification says, in Swedish and English: one line per notification (the in-app list
 * shows it, a mail lists it) and the mail that carries one or several of them. A mail names the
 * municipality and links to the exact page, and never carries sensitive content: a rejection's
 * reason, for one, is read in Tryggve, not in the mail. Pure.
 */
import { fillTemplate, type NotificationEvent } from './notifications.ts';

export type Locale = 'sv' | 'en';

interface EventTemplate {
  /** The placeholders the event's payload offers (a saved template may use only these). */
  offers: readonly string[];
  line: Record<Locale, string>;
}

export const EVENT_TEMPLATES: Record<NotificationEvent, EventTemplate> = {
  assigned: {
    offers: ['programme', 'dueOn'],
    line: {
      sv: 'Du har fått utbildningen {programme}, klar senast {dueOn}.',
      en: 'You have been assigned {programme}, due {dueOn}.',
    },
  },
  due_soon: {
    offers: ['programme', 'dueOn'],
    line: {
      sv: 'Utbildningen {programme} ska vara klar senast {dueOn}.',
      en: 'The training {programme} is due {dueOn}.',
    },
  },
  overdue: {
    offers: ['programme', 'dueOn'],
    line: {
      sv: 'Utbildningen {programme} skulle ha varit klar {dueOn}.',
      en: 'The training {programme} was due {dueOn}.',
    },
  },
  manager_rollup: {
    offers: ['count'],
    line: {
      sv: 'Personer med försenad utbildning i dina enheter: {count}.',
      en: 'People in your units with overdue training: {count}.',
    },
  },
  completion_approved: {
    offers: ['course', 'completedOn'],
    line: {
      sv: 'Din rapport för {course} ({completedOn}) är godkänd.',
      en: 'Your report for {course} ({completedOn}) was approved.',
    },
  },
  completion_rejected: {
    offers: ['course', 'completedOn'],
    line: {
      sv: 'Din rapport för {course} ({completedOn}) godkändes inte. Läs varför i Tryggve.',
      en: 'Your report for {course} ({completedOn}) was not approved. Read why in Tryggve.',
    },
  },
  approval_waiting: {
    offers: ['count'],
    line: {
      sv: 'Rapporter som väntar på ditt godkännande: {count}.',
      en: 'Reports waiting for your approval: {count}.',
    },
  },
  booking_confirmed: {
    offers: ['course', 'startsAt'],
    line: {
      sv: 'Du är bokad på {course} {startsAt}.',
      en: 'You are booked on {course} {startsAt}.',
    },
  },
  booking_moved: {
    offers: ['course', 'startsAt'],
    line: {
      sv: 'Tillfället för {course} är flyttat till {startsAt}.',
      en: 'The session of {course} has moved to {startsAt}.',
    },
  },
  booking_cancelled: {
    offers: ['course', 'startsAt'],
    line: {
      sv: 'Tillfället för {course} {startsAt} är inställt.',
      en: 'The session of {course} on {startsAt} is cancelled.',
    },
  },
  promoted: {
    offers: ['course', 'startsAt'],
    line: {
      sv: 'En plats blev ledig: du är bokad på {course} {startsAt}.',
      en: 'A place opened up: you are booked on {course} {startsAt}.',
    },
  },
  session_reminder: {
    offers: ['course', 'startsAt'],
    line: {
      sv: 'Påminnelse: {course} {startsAt}.',
      en: 'Reminder: {course} {startsAt}.',
    },
  },
  trainer_digest: {
    offers: ['week', 'unmarked'],
    line: {
      sv: 'Dina tillfällen den här veckan: {week}. Hållna tillfällen utan registrerad närvaro: {unmarked}.',
      en: 'Your sessions this week: {week}. Held sessions without attendance recorded: {unmarked}.',
    },
  },
  programme_activated: {
    offers: ['programme'],
    line: {
      sv: 'Programmet {programme} är startat för dina enheter.',
      en: 'The programme {programme} has started for your units.',
    },
  },
  authority_notice: {
    offers: ['case'],
    line: {
      sv: 'Allvarligt tillbud {case}: anmäl till Arbetsmiljöverket i dag.',
      en: 'Serious incident {case}: notify the Work Environment Authority today.',
    },
  },
};

/** The line a notification reads as, with its payload filled in (unknown events never reach here). */
export function notificationLine(
  event: NotificationEvent,
  payload: Readonly<Record<string, string>>,
  locale: Locale,
): string {
  return fillTemplate(EVENT_TEMPLATES[event].line[locale], payload);
}

export interface MailItem {
  event: NotificationEvent;
  payload: Readonly<Record<string, string>>;
  /** The page it leads to, a path of the web app. */
  link: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const WORDS = {
  sv: {
    one: (municipality: string) => `${municipality}: ett meddelande från Tryggve`,
    many: (municipality: string, n: number) => `${municipality}: ${n} meddelanden från Tryggve`,
    open: 'Öppna i Tryggve',
    choices: 'Du väljer själv hur ofta du får e-post: ',
    why: 'Du får det här meddelandet för att du har ett konto i Tryggve hos',
  },
  en: {
    one: (municipality: string) => `${municipality}: a message from Tryggve`,
    many: (municipality: string, n: number) => `${municipality}: ${n} messages from Tryggve`,
    open: 'Open in Tryggve',
    choices: 'You choose how often you get e-mail: ',
    why: 'You get this message because you have a Tryggve account with',
  },
} as const;

/** The page where a person chooses what reaches them. */
export const CHOICES_PATH = '/installningar/notiser';

const escapeHtml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/**
 * One mail for the items due to a person at one moment (a digest when several): the subject
 * names the municipality, each item is its line and a link to its page, in plain text and HTML.
 */
export function renderMail(input: {
  locale: Locale;
  municipality: string;
  /** The address the web app is reached at, without a trailing slash. */
  baseUrl: string;
  items: readonly MailItem[];
}): RenderedMail {
  const { locale, municipality, baseUrl, items } = input;
  if (items.length === 0) throw new Error('a mail needs at least one item');
  const words = WORDS[locale];
  const lines = items.map((item) => ({
    text: notificationLine(item.event, item.payload, locale),
    url: `${baseUrl}${item.link}`,
  }));
  const subject =
    items.length === 1 ? words.one(municipality) : words.many(municipality, items.length);
  const choicesUrl = `${baseUrl}${CHOICES_PATH}`;
  const text = [
    ...lines.flatMap((line) => [line.text, `${words.open}: ${line.url}`, '']),
    `${words.choices}${choicesUrl}`,
    `${words.why} ${municipality}.`,
    '',
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<ul>`,
    ...lines.map(
      (line) =>
        `<li><p>${escapeHtml(line.text)}</p><p><a href="${escapeHtml(line.url)}">${words.open}</a></p></li>`,
    ),
    `</ul>`,
    `<p>${escapeHtml(words.choices)}<a href="${escapeHtml(choicesUrl)}">${escapeHtml(choicesUrl)}</a></p>`,
    `<p>${escapeHtml(`${words.why} ${municipality}.`)}</p>`,
    `</body></html>`,
  ].join('\n');
  return { subject, text, html };
}
