import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COURSE_STATE_TEXT, missingCsv, PERSON_STATUS_TEXT } from './missing-export.ts';
import type { MissingPerson, MissingPlace } from './missing.ts';

const courses = [
  { id: 'c1', code: 'A', name: 'Grund' },
  { id: 'c2', code: 'B', name: 'Fördjupning' },
];

async function* chunksOf(people: MissingPerson[][]) {
  for (const chunk of people) yield await Promise.resolve(chunk);
}

const texts = fc.oneof(
  fc.constantFrom('Åsa', '=SUM(A1)', '+46', '-1', '@x', 'a;b', 'say "hi"', 'two\nlines', ''),
  fc.string({ maxLength: 12 }),
);
const maybe = fc.option(texts, { nil: null });
const date = fc.option(fc.constantFrom('2026-01-31', '2027-06-01'), { nil: null });
const place: fc.Arbitrary<MissingPlace> = fc.record({
  kind: fc.constantFrom('unit' as const, 'body' as const),
  id: fc.uuid(),
  name: texts,
  parent: maybe,
  office: maybe,
});
const person = (places: MissingPlace[]): fc.Arbitrary<MissingPerson> =>
  fc.record({
    id: fc.uuid(),
    firstName: texts,
    lastName: texts,
    employeeNumber: maybe,
    place: fc.constantFrom(...places),
    dueOn: date,
    status: fc.constantFrom('overdue', 'assigned', 'booked', 'done', 'exempt' as const),
    exemptReason: maybe,
    courses: fc.tuple(
      ...courses.map(() =>
        fc.record({
          state: fc.constantFrom('done', 'pending', 'booked', 'todo', 'expired' as const),
          date,
        }),
      ),
    ),
  });

/** What a spreadsheet shows in the cell: a formula start is neutralised with an apostrophe. */
const shown = (value: string | null) =>
  value === null ? '' : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

describe('the missing list as CSV', () => {
  it('reads back, row by row and field by field, as the people it was written from', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(place, { minLength: 1, maxLength: 3 })
          .chain((places) =>
            fc.array(fc.array(person(places), { maxLength: 4 }), { maxLength: 3 }),
          ),
        async (chunks) => {
          let text = '';
          for await (const part of missingCsv(courses, chunksOf(chunks), 'sv')) text += part;
          expect(text.startsWith('\uFEFF')).toBe(true);
          const rows: string[][] = parse(text.slice(1), { delimiter: ';' });
          const people = chunks.flat();
          expect(rows.length).toBe(people.length + 1);
          people.forEach((p, i) =>
            expect(rows[i + 1]).toEqual([
              shown(p.place.office),
              shown(p.place.parent),
              shown(p.place.name),
              shown(p.lastName),
              shown(p.firstName),
              shown(p.employeeNumber),
              p.dueOn ?? '',
              PERSON_STATUS_TEXT.sv[p.status],
              shown(p.exemptReason),
              ...p.courses.flatMap((c) => [COURSE_STATE_TEXT.sv[c.state], c.date ?? '']),
            ]),
          );
        },
      ),
    );
  });
});
