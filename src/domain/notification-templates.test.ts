import { describe, expect, it } from 'vitest';
import { EVENT_TEMPLATES, notificationLine, renderMail } from './notification-templates.ts';
import { NOTIFICATION_EVENTS, unknownPlaceholders } from './notifications.ts';

describe('notification templates', () => {
  it('use only the placeholders their event offers, in both languages', () => {
    for (const event of NOTIFICATION_EVENTS)
      for (const locale of ['sv', 'en'] as const)
        expect(
          unknownPlaceholders(EVENT_TEMPLATES[event].line[locale], EVENT_TEMPLATES[event].offers),
          `${event} ${locale}`,
        ).toEqual([]);
  });

  it('never leave a placeholder unfilled', () => {
    expect(() => notificationLine('due_soon', { programme: 'Grundkurs' }, 'sv')).toThrow(/dueOn/);
  });

  it('make one mail naming the municipality, with a link to each page and the choices page', () => {
    const mail = renderMail({
      locale: 'sv',
      municipality: 'Exempelkommun',
      baseUrl: 'https://tryggve.example.se',
      items: [
        {
          event: 'completion_approved',
          payload: { course: 'Grundkurs', completedOn: '2026-11-02' },
          link: '/utbildning',
        },
        {
          event: 'booking_confirmed',
          payload: { course: 'Fördjupning', startsAt: '2026-12-10 09:00' },
          link: '/utbildning',
        },
      ],
    });
    expect(mail.subject).toBe('Exempelkommun: 2 meddelanden från Tryggve');
    expect(mail.text).toContain('Din rapport för Grundkurs (2026-11-02) är godkänd.');
    expect(mail.text).toContain('Öppna i Tryggve: https://tryggve.example.se/utbildning');
    expect(mail.text).toContain('https://tryggve.example.se/installningar/notiser');
    expect(mail.html).toContain(
      '<a href="https://tryggve.example.se/utbildning">Öppna i Tryggve</a>',
    );
  });

  it('escape what the payload says in the HTML part and keep a rejection reason out of the mail', () => {
    const mail = renderMail({
      locale: 'en',
      municipality: 'Town & Co',
      baseUrl: 'http://localhost:3000',
      items: [
        {
          event: 'completion_rejected',
          payload: {
            course: '<b>Basics</b>',
            completedOn: '2026-11-02',
            reason: 'the certificate shows someone else',
          },
          link: '/utbildning',
        },
      ],
    });
    expect(mail.subject).toBe('Town & Co: a message from Tryggve');
    expect(mail.html).toContain('&lt;b&gt;Basics&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Basics');
    expect(mail.text + mail.html).not.toContain('someone else');
  });
});
