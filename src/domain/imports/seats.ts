import type { FieldChange } from './people.ts';
import type { ProblemList } from './problems.ts';
import { addDays } from '../dates.ts';
import { cellReader } from './cells.ts';

export type SeatRole = 'member' | 'substitute' | 'chair' | 'vice_chair';

/** One seat of a roster export: an elected official in one political body. */
export interface SeatRow {
  row: number;
  officialId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  bodyCode: string;
  role: SeatRole;
  termStart: string;
  termEnd: string | null;
  /** Sensitive (political opinion): stored, never shown in previews or lists. */
  party: string | null;
}

/** A person Tryggve already holds, as far as a roster import needs to know. */
export interface KnownPerson {
  personId: string;
  officialId: string | null;
  email: string | null;
  firstName: string;
  lastName: string;
}

export interface CurrentSeat {
  id: string;
  personId: string;
  officialId: string;
  name: string;
  bodyCode: string;
  role: SeatRole;
  termStart: string;
  termEnd: string | null;
  party: string | null;
}

const ROLES: Record<string, SeatRole> = {
  ledamot: 'member',
  member: 'member',
  ersättare: 'substitute',
  ersattare: 'substitute',
  substitute: 'substitute',
  ordförande: 'chair',
  ordforande: 'chair',
  chair: 'chair',
  'vice ordförande': 'vice_chair',
  'förste vice ordförande': 'vice_chair',
  '1:e vice ordförande': 'vice_chair',
  '2:e vice ordförande': 'vice_chair',
  'andre vice ordförande': 'vice_chair',
  'vice chair': 'vice_chair',
  vice_chair: 'vice_chair',
};

export function readSeatRow(
  row: number,
  cell: (field: string) => string,
  knownBodyCodes: ReadonlySet<string>,
  problems: ProblemList,
): SeatRow | null {
  const read = cellReader(row, cell, problems);
  const officialId = read.required('official_id');
  const firstName = read.required('first_name');
  const lastName = read.required('last_name');
  const bodyCode = read.required('body_code');
  if (bodyCode && !knownBodyCodes.has(bodyCode)) {
    problems.add(row, 'body_code', 'body_unknown', { code: bodyCode });
  }
  read.garbled(['first_name', 'last_name']);
  const roleText = read.required('role').toLocaleLowerCase('sv').replace(/\s+/g, ' ');
  const role = ROLES[roleText];
  if (roleText && !role) {
    problems.add(row, 'role', 'seat_role', { value: cell('role') });
  }
  const email = read.email('email');
  const termStart = read.date('term_start');
  if (!read.text('term_start')) problems.add(row, 'term_start', 'empty');
  const termEnd = read.date('term_end');
  if (termStart && termEnd && termEnd < termStart) {
    problems.add(row, 'term_end', 'ends_before_start', { start: termStart, end: termEnd });
  }
  if (read.failed() || !role || !termStart) return null;
  return {
    row,
    officialId,
    firstName,
    lastName,
    email,
    bodyCode,
    role,
    termStart,
    termEnd,
    party: read.text('party') || null,
  };
}

export interface NewSeat {
  row: SeatRow;
  /** The existing person (matched on official id, or an employee matched on e-mail), else null. */
  personId: string | null;
  matchedOn: 'official_id' | 'email' | null;
}

export interface SeatsPlan {
  created: NewSeat[];
  changed: { row: SeatRow; seat: CurrentSeat; changes: FieldChange[]; partyChanged: boolean }[];
  /** Name or e-mail of a known person differs from the roster. */
  people: { row: SeatRow; personId: string; changes: FieldChange[] }[];
  ended: { seat: CurrentSeat; termEnd: string }[];
  unchanged: number;
}

/**
 * Plans a roster import. A seat is identified by official id and body; a person by official id,
 * else by e-mail (an employee who also sits in a committee is one person). In a full import,
 * seats missing from the file end the day before the effective date.
 */
export function planSeats(
  rows: readonly SeatRow[],
  people: readonly KnownPerson[],
  seats: readonly CurrentSeat[],
  options: { mode: 'full' | 'partial'; effectiveDate: string },
): SeatsPlan {
  const byOfficialId = new Map(
    people.filter((p) => p.officialId).map((p) => [p.officialId as string, p]),
  );
  const byEmail = new Map(
    people.filter((p) => p.email).map((p) => [(p.email as string).toLowerCase(), p]),
  );
  const seatByKey = new Map(seats.map((s) => [`${s.officialId}\u0000${s.bodyCode}`, s]));
  const plan: SeatsPlan = { created: [], changed: [], people: [], ended: [], unchanged: 0 };
  const seen = new Set<string>();
  const personChecked = new Set<string>();

  for (const row of rows) {
    const key = `${row.officialId}\u0000${row.bodyCode}`;
    seen.add(key);
    const byId = byOfficialId.get(row.officialId);
    const person = byId ?? (row.email ? byEmail.get(row.email) : undefined);
    if (person && !personChecked.has(person.personId)) {
      personChecked.add(person.personId);
      const changes: FieldChange[] = [];
      if (person.firstName !== row.firstName)
        changes.push({ field: 'first_name', before: person.firstName, after: row.firstName });
      if (person.lastName !== row.lastName)
        changes.push({ field: 'last_name', before: person.lastName, after: row.lastName });
      if (row.email && person.email !== row.email)
        changes.push({ field: 'email', before: person.email, after: row.email });
      if (!person.officialId)
        changes.push({ field: 'official_number', before: null, after: row.officialId });
      if (changes.length) plan.people.push({ row, personId: person.personId, changes });
    }
    const seat = seatByKey.get(key);
    if (!seat) {
      plan.created.push({
        row,
        personId: person?.personId ?? null,
        matchedOn: byId ? 'official_id' : person ? 'email' : null,
      });
      continue;
    }
    const changes: FieldChange[] = [];
    if (seat.role !== row.role) changes.push({ field: 'role', before: seat.role, after: row.role });
    if (seat.termStart !== row.termStart)
      changes.push({ field: 'term_start', before: seat.termStart, after: row.termStart });
    if (seat.termEnd !== row.termEnd)
      changes.push({ field: 'term_end', before: seat.termEnd, after: row.termEnd });
    const partyChanged = (seat.party ?? null) !== row.party;
    if (changes.length || partyChanged) plan.changed.push({ row, seat, changes, partyChanged });
    else plan.unchanged += 1;
  }

  if (options.mode === 'full') {
    const dayBefore = addDays(options.effectiveDate, -1);
    for (const seat of seats) {
      if (seen.has(`${seat.officialId}\u0000${seat.bodyCode}`)) continue;
      plan.ended.push({ seat, termEnd: dayBefore < seat.termStart ? seat.termStart : dayBefore });
    }
  }
  return plan;
}
