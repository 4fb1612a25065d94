import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BodyId, UnitId } from './ids.ts';
import {
  abilities,
  actForPerson,
  bookingReach,
  figureScope,
  isNobody,
  mayActForPerson,
  mayBookPerson,
  mayCreateProgramme,
  mayDecideCompletion,
  mayManageProgramme,
  mayMarkAttendance,
  mayReadFigures,
  mayAttachTrainerUnit,
  mayReadTrainers,
  maySeeBodySeats,
  maySeeParticipant,
  maySeePerson,
  maySeeUnitHistory,
  maySeeUnitPeople,
  mayScheduleSession,
  reachesUnit,
  sessionOpeningReach,
  type Grant,
  type PersonFacts,
  type SessionFacts,
  type Subject,
} from './policy.ts';
import { ROLES } from './roles.ts';

const grant = (
  role: Grant['role'],
  unit: string | null = null,
  body: string | null = null,
): Grant => ({
  role,
  scopeUnitId: unit as UnitId | null,
  scopeBodyId: body as BodyId | null,
});
const subject = (grants: Grant[], personId: string | null = 'me'): Subject => ({
  grants,
  personId,
});
/** A librarian: the library under the culture office under the municipality. */
const librarian: PersonFacts = {
  id: 'p1',
  unitPaths: [['library', 'culture', 'root']],
  seatBodies: [],
};
const socialWorker: PersonFacts = {
  id: 'p2',
  unitPaths: [['team', 'social', 'root']],
  seatBodies: [],
};
const official: PersonFacts = { id: 'p3', unitPaths: [], seatBodies: ['kfn'] };
const active = { status: 'active' as const, listedOwner: false };
const listed = { status: 'active' as const, listedOwner: true };
const draft = { status: 'draft' as const, listedOwner: false };

describe('who sees people', () => {
  it('lets a manager see their own subtree only, and a manager without a unit nobody', () => {
    expect(maySeePerson(subject([grant('manager', 'culture')]), librarian)).toBe(true);
    expect(maySeePerson(subject([grant('manager', 'culture')]), socialWorker)).toBe(false);
    expect(maySeePerson(subject([grant('manager')]), librarian)).toBe(false);
  });

  it('scopes programme owners and security coordinators, and lets everyone see themselves', () => {
    expect(maySeePerson(subject([grant('programme_owner', 'social')]), librarian)).toBe(false);
    expect(maySeePerson(subject([grant('programme_owner', 'social')]), socialWorker)).toBe(true);
    expect(maySeePerson(subject([grant('programme_owner', 'social')]), official)).toBe(false);
    expect(maySeePerson(subject([grant('programme_owner')]), official)).toBe(true);
    expect(maySeePerson(subject([grant('security_coordinator')]), official)).toBe(true);
    expect(maySeePerson(subject([grant('security_coordinator')]), librarian)).toBe(false);
    expect(maySeePerson(subject([grant('security_coordinator', null, 'bun')]), official)).toBe(
      false,
    );
    expect(maySeePerson(subject([grant('employee')], 'p1'), librarian)).toBe(true);
    for (const role of [
      'employee',
      'trainer',
      'elected_official',
      'safety_representative',
    ] as const)
      expect(maySeePerson(subject([grant(role, 'root')]), librarian)).toBe(false);
  });

  it('gives unit staff, unit history and body seats by the same scopes', () => {
    const path = ['library', 'culture', 'root'];
    expect(maySeeUnitPeople(subject([grant('manager', 'library')]), path)).toBe(true);
    expect(maySeeUnitHistory(subject([grant('manager', 'library')]), path)).toBe(false);
    expect(maySeeUnitHistory(subject([grant('programme_owner', 'culture')]), path)).toBe(true);
    expect(maySeeUnitHistory(subject([grant('programme_owner', 'social')]), path)).toBe(false);
    expect(maySeeBodySeats(subject([grant('elected_official', null, 'kfn')]), 'kfn')).toBe(true);
    expect(maySeeBodySeats(subject([grant('elected_official', null, 'kfn')]), 'bun')).toBe(false);
    expect(maySeeBodySeats(subject([grant('programme_owner', 'social')]), 'kfn')).toBe(false);
  });

  it('property: a manager sees a person exactly when the scope is on one of their paths', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(fc.uniqueArray(ids, { minLength: 1, maxLength: 5 }), ids, (chain, scope) => {
        const person = { id: 'x', unitPaths: [chain], seatBodies: [] };
        expect(maySeePerson(subject([grant('manager', scope)]), person)).toBe(
          chain.includes(scope),
        );
      }),
    );
  });

  it('property: more grants never take access away', () => {
    const anyGrant = fc.record({
      role: fc.constantFrom(...ROLES),
      scopeUnitId: fc.option(
        fc.constantFrom('library', 'culture', 'social', 'root').map((u) => u as UnitId),
        {
          nil: null,
        },
      ),
      scopeBodyId: fc.option(
        fc.constantFrom('kfn', 'bun').map((b) => b as BodyId),
        { nil: null },
      ),
    });
    const anyPerson = fc.constantFrom(librarian, socialWorker, official);
    fc.assert(
      fc.property(fc.array(anyGrant), fc.array(anyGrant), anyPerson, (some, more, person) => {
        const before = subject(some, null);
        const after = subject([...some, ...more], null);
        if (maySeePerson(before, person)) expect(maySeePerson(after, person)).toBe(true);
        if (mayActForPerson(before, listed, person))
          expect(mayActForPerson(after, listed, person)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('programmes and the people in them', () => {
  it('lets only the municipality’s owners create, and listed owners manage while they hold an owning role', () => {
    expect(mayCreateProgramme(subject([grant('programme_owner')]))).toBe(true);
    expect(mayCreateProgramme(subject([grant('programme_owner', 'social')]))).toBe(false);
    expect(mayManageProgramme(subject([grant('programme_owner', 'social')]), listed)).toBe(true);
    expect(mayManageProgramme(subject([grant('programme_owner', 'social')]), active)).toBe(false);
    // Listed in a file (or old data) without a role that may own: nothing.
    expect(mayManageProgramme(subject([grant('employee')]), listed)).toBe(false);
  });

  it('hides drafts from everyone who does not manage them, and scopes managers’ figures', () => {
    expect(mayReadFigures(subject([grant('trainer', 'social')]), draft)).toBe(false);
    expect(mayReadFigures(subject([grant('trainer', 'social')]), active)).toBe(true);
    expect(mayReadFigures(subject([grant('employee')]), active)).toBe(false);
    expect(mayReadTrainers(subject([grant('trainer', 'social')]), draft, true)).toBe(false);
    expect(figureScope(subject([grant('manager', 'library')]), active)).toEqual(['library']);
    expect(figureScope(subject([grant('elected_official', null, 'kfn')]), active)).toBeNull();
  });

  it('lets an owner act only for the people of their scope, never for themselves', () => {
    const scoped = subject([grant('programme_owner', 'social')], 'p2');
    expect(mayActForPerson(scoped, listed, librarian)).toBe(false);
    expect(mayActForPerson(scoped, listed, socialWorker)).toBe(false); // p2 is themselves
    expect(
      mayActForPerson(subject([grant('programme_owner', 'social')]), listed, socialWorker),
    ).toBe(true);
    expect(mayActForPerson(subject([grant('security_coordinator')]), listed, official)).toBe(true);
    expect(mayActForPerson(subject([grant('security_coordinator')]), listed, librarian)).toBe(
      false,
    );
  });

  it('lets the approver the course names decide within their scope, and nobody on their own report', () => {
    const manager = subject([grant('manager', 'culture')]);
    expect(
      mayDecideCompletion(manager, { programme: active, person: librarian, approval: 'manager' }),
    ).toBe(true);
    expect(
      mayDecideCompletion(manager, { programme: active, person: librarian, approval: 'trainer' }),
    ).toBe(false);
    expect(
      mayDecideCompletion(manager, {
        programme: active,
        person: socialWorker,
        approval: 'manager',
      }),
    ).toBe(false);
    const trainer = subject([grant('trainer', 'social')]);
    expect(
      mayDecideCompletion(trainer, {
        programme: active,
        person: socialWorker,
        approval: 'trainer',
      }),
    ).toBe(true);
    const self = subject([grant('manager', 'culture'), grant('programme_owner')], 'p1');
    expect(
      mayDecideCompletion(self, { programme: listed, person: librarian, approval: 'manager' }),
    ).toBe(false);
  });
});

describe('trainers', () => {
  it("registers people and attaches units within the owner's scope, never the owner", () => {
    const owner = subject([grant('programme_owner', 'culture')], 'p1');
    expect(actForPerson(owner, listed, { ...librarian, id: 'p9' })).toBe('ok');
    expect(actForPerson(owner, listed, socialWorker)).toBe('out_of_reach');
    expect(actForPerson(owner, listed, librarian)).toBe('own_training');
    // Not a manager of this programme: nobody is within reach for it.
    expect(actForPerson(owner, active, { ...librarian, id: 'p9' })).toBe('out_of_reach');
    expect(mayAttachTrainerUnit(owner, ['library', 'culture', 'root'])).toBe(true);
    expect(mayAttachTrainerUnit(owner, ['social', 'root'])).toBe(false);
    expect(mayAttachTrainerUnit(owner, ['root'])).toBe(false);
    expect(mayAttachTrainerUnit(subject([grant('programme_owner')]), ['root'])).toBe(true);
  });
});

describe('sessions', () => {
  const session = (over: Partial<SessionFacts> = {}): SessionFacts => ({
    programme: active,
    trainerIds: ['trainer'],
    servedUnits: ['social'],
    ...over,
  });
  const trainer = subject([grant('trainer', 'social')], 'trainer');

  it('lets a trainer mark the booked, and as walk-ins only the assigned people of units served', () => {
    expect(
      mayMarkAttendance(trainer, session(), librarian, { booked: true, assigned: false }),
    ).toBe('ok');
    expect(
      mayMarkAttendance(trainer, session(), librarian, { booked: false, assigned: true }),
    ).toBe('out_of_reach');
    expect(
      mayMarkAttendance(trainer, session(), socialWorker, { booked: false, assigned: false }),
    ).toBe('not_assigned');
    expect(
      mayMarkAttendance(trainer, session(), socialWorker, { booked: false, assigned: true }),
    ).toBe('ok');
    const himself = { id: 'trainer', unitPaths: [['social', 'root']], seatBodies: [] };
    expect(mayMarkAttendance(trainer, session(), himself, { booked: true, assigned: true })).toBe(
      'own_training',
    );
    const other = subject([grant('trainer', 'social')], 'someone-else');
    expect(
      mayMarkAttendance(other, session(), socialWorker, { booked: true, assigned: true }),
    ).toBe('not_session_trainer');
    // An owner scoped to culture who also serves social as a trainer, on a session not theirs
    // to train: serving counts only on one's own sessions, so a social worker is out of reach.
    const owner = subject([grant('programme_owner', 'culture'), grant('trainer', 'social')], 'o');
    const listedSession = session({ programme: listed, trainerIds: ['trainer'] });
    expect(
      mayMarkAttendance(owner, listedSession, socialWorker, { booked: false, assigned: true }),
    ).toBe('out_of_reach');
    expect(
      mayMarkAttendance(owner, listedSession, librarian, { booked: false, assigned: true }),
    ).toBe('ok');
  });

  it('books and shows participants by the same reaches, and schedules by qualification', () => {
    expect(mayBookPerson(trainer, session(), socialWorker)).toBe(true);
    expect(mayBookPerson(trainer, session(), librarian)).toBe(false);
    expect(mayBookPerson(subject([grant('manager', 'culture')]), session(), librarian)).toBe(true);
    expect(maySeeParticipant(subject([grant('manager', 'culture')]), session(), socialWorker)).toBe(
      false,
    );
    expect(maySeeParticipant(trainer, session(), librarian)).toBe(true);
    expect(isNobody(bookingReach(subject([grant('employee')]), session()))).toBe(true);
    expect(
      mayScheduleSession(trainer, active, { qualifiedTrainer: true, forTrainers: false }),
    ).toBe(true);
    expect(mayScheduleSession(trainer, active, { qualifiedTrainer: true, forTrainers: true })).toBe(
      false,
    );
    expect(mayScheduleSession(trainer, draft, { qualifiedTrainer: true, forTrainers: false })).toBe(
      false,
    );
  });

  it('opens a session to the units served (a trainer) or reached (an owner), with what is below', () => {
    const served = sessionOpeningReach(trainer, { owner: false, servedUnits: ['social'] });
    expect(reachesUnit(served, ['team', 'social', 'root'])).toBe(true);
    expect(reachesUnit(served, ['library', 'culture', 'root'])).toBe(false);
    const owner = subject([grant('programme_owner', 'culture')]);
    const owned = sessionOpeningReach(owner, { owner: true, servedUnits: ['social'] });
    expect(reachesUnit(owned, ['library', 'culture', 'root'])).toBe(true);
    expect(reachesUnit(owned, ['team', 'social', 'root'])).toBe(false);
    const everywhere = subject([grant('programme_owner')]);
    expect(sessionOpeningReach(everywhere, { owner: true, servedUnits: [] }).everyone).toBe(true);
  });
});

describe('abilities', () => {
  it('tells the web what to offer from the same rules', () => {
    expect(abilities(subject([grant('employee')]), false)).toEqual({
      listProgrammes: false,
      createProgrammes: false,
      approveCompletions: false,
      administer: false,
      seePeople: false,
    });
    expect(abilities(subject([grant('manager', 'culture')]), false)).toMatchObject({
      listProgrammes: true,
      approveCompletions: true,
      seePeople: true,
    });
    expect(abilities(subject([grant('administrator')]), false).administer).toBe(true);
  });
});
