import { describe, expect, it } from 'vitest';
import { calendar, escapeText, foldLine } from './ical.ts';

describe('iCalendar text', () => {
  it('escapes the characters RFC 5545 reserves', () => {
    expect(escapeText('Aula; plan 2, rum\\3\nIngång B')).toBe(
      'Aula\\; plan 2\\, rum\\\\3\\nIngång B',
    );
  });

  it('folds long lines at 75 octets without splitting å, ä or ö', () => {
    const line = `DESCRIPTION:${'åäö'.repeat(40)}`;
    const folded = foldLine(line);
    const encoder = new TextEncoder();
    for (const part of folded.split('\r\n'))
      expect(encoder.encode(part).length).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((p, i) => (i ? p.slice(1) : p))
        .join(''),
    ).toBe(line);
  });

  it('writes UTC times, CRLF line ends and the cancelled status', () => {
    const text = calendar(
      'Tryggve',
      [
        {
          uid: 'abc@tryggve',
          startsAt: new Date('2026-12-01T08:00:00Z'),
          endsAt: new Date('2026-12-01T11:00:00Z'),
          summary: 'Gruppsamtal',
          location: 'Stadsbiblioteket',
          description: 'Ta med dator',
          url: null,
          cancelled: true,
          updatedAt: new Date('2026-11-23T10:00:00Z'),
        },
      ],
      new Date('2026-11-23T12:00:00Z'),
    );
    expect(text).toContain('\r\nDTSTART:20261201T080000Z\r\n');
    expect(text).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });
});
