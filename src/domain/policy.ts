/**
 * Who may do what: every rule of access in one place, pure. Each action answers from the
 * caller's grants *with their scopes* and the facts of the object. The server loads the facts
 * (src/server/policies/) and asks here first, before it reads or validates anything more; the
 * web is told the answers as `can` flags, never keeping role lists of its own. The table in
 * docs/SECURITY.md is this file in words.
 */
import type { BodyId, UnitId } from './ids.ts';
import type { Role } from './roles.ts';

/** One role of a signed-in user, limited to an organisation subtree or a political body. */
export interface Grant {
  role: Role;
  scopeUnitId: UnitId | null;
  scopeBodyId: BodyId | null;
}

/** Who asks: their grants and the person their account belongs to (null: none). */
export interface Subject {
  grants: readonly Grant[];
  personId: string | null;
}

/** What the rules need to know of a person: where they work and where they sit, today. */
export interface PersonFacts {
  id: string;
  /** Each current employment's unit with its ancestors (the unit first, the root last). */
  unitPaths: readonly (readonly string[])[];
  /** The political bodies of their current seats. */
  seatBodies: readonly string[];
}

/** Whom grants reach: everyone, or the people of some subtrees and political bodies. */
export interface Reach {
  everyone: boolean;
  /** Roots of subtrees: people employed in a unit at or below one of them. */
  units: UnitId[];
  /** People seated in one of these bodies (or in any, with allBodies). */
  bodies: BodyId[];
  allBodies: boolean;
}

export const NOBODY: Reach = { everyone: false, units: [], bodies: [], allBodies: false };
export const EVERYONE: Reach = { everyone: true, units: [], bodies: [], allBodies: false };

const unscoped = (g: Grant) => g.scopeUnitId === null && g.scopeBodyId === null;

/**
 * The reach of the grants of some roles. An unscoped grant reaches everyone, except a security
 * coordinator's, which reaches every elected official; a manager's and a trainer's always need
 * a unit; a scoped grant reaches its subtree or its body.
 */
function reachOf(grants: readonly Grant[], roles: readonly Role[]): Reach {
  const reach: Reach = { everyone: false, units: [], bodies: [], allBodies: false };
  for (const g of grants) {
    if (!roles.includes(g.role)) continue;
    if (g.role === 'administrator') reach.everyone = true;
    else if (unscoped(g)) {
      if (g.role === 'security_coordinator') reach.allBodies = true;
      else if (g.role === 'programme_owner' || g.role === 'trainer') reach.everyone = true;
    } else {
      if (g.scopeUnitId) reach.units.push(g.scopeUnitId);
      if (g.scopeBodyId && g.role !== 'manager' && g.role !== 'trainer')
        reach.bodies.push(g.scopeBodyId);
    }
  }
  return reach;
}

/** Roles that see people: their employments, seats and training record. */
const SEEING_ROLES: readonly Role[] = [
  'administrator',
  'programme_owner',
  'security_coordinator',
  'manager',
];
/** Roles that may own programmes, and act for the people they reach as their owner. */
export const OWNING_ROLES: readonly Role[] = [
  'administrator',
  'programme_owner',
  'security_coordinator',
];
/** Roles that read programmes' figures (never people: suppressed where small, see figures). */
const FIGURE_ROLES: readonly Role[] = [
  'administrator',
  'programme_owner',
  'security_coordinator',
  'trainer',
  'elected_official',
  'manager',
];

/** Whom the caller may see: person pages, unit staff, training records. */
export const seeingReach = (grants: readonly Grant[]) => reachOf(grants, SEEING_ROLES);
/** For whom the caller acts as a programme owner: exempt, register, correct, decide, book. */
export const owningReach = (grants: readonly Grant[]) => reachOf(grants, OWNING_ROLES);
/** Whose reports a manager approves and whom they book: the people of their own subtree. */
export const managingReach = (grants: readonly Grant[]) => reachOf(grants, ['manager']);
/** Whose reports a trainer approves (courses approved by the trainer). */
export const trainerReach = (grants: readonly Grant[]) => reachOf(grants, ['trainer']);

export function reaches(reach: Reach, person: Omit<PersonFacts, 'id'>): boolean {
  if (reach.everyone) return true;
  if (person.unitPaths.some((path) => reach.units.some((u) => path.includes(u)))) return true;
  if (person.seatBodies.length && reach.allBodies) return true;
  return person.seatBodies.some((b) => reach.bodies.includes(b as BodyId));
}

/** Do the people of a unit (by its ancestor chain) fall within the reach? */
export const reachesUnit = (reach: Reach, unitPath: readonly string[]) =>
  reaches(reach, { unitPaths: [unitPath], seatBodies: [] });

export const reachesBody = (reach: Reach, bodyId: string) =>
  reaches(reach, { unitPaths: [], seatBodies: [bodyId] });

/** Reaches nobody at all (a list of people can be refused without reading it). */
export const isNobody = (reach: Reach) =>
  !reach.everyone && !reach.allBodies && reach.units.length === 0 && reach.bodies.length === 0;

/** Does any of the roles apply, whatever its scope? (For showing a menu, never for data.) */
export const hasAnyRole = (grants: readonly Grant[], roles: readonly Role[]) =>
  grants.some((g) => roles.includes(g.role));

const isSelf = (subject: Subject, personId: string) =>
  subject.personId !== null && subject.personId === personId;

/* ---- People and the organisation ---- */

/** A person's page and training record: themselves, and whoever reaches them. */
export const maySeePerson = (subject: Subject, person: PersonFacts) =>
  isSelf(subject, person.id) || reaches(seeingReach(subject.grants), person);

export const maySeeUnitPeople = (subject: Subject, unitPath: readonly string[]) =>
  reachesUnit(seeingReach(subject.grants), unitPath);

/** What happened to a unit: administrators, and programme owners whose scope holds it. */
export const maySeeUnitHistory = (subject: Subject, unitPath: readonly string[]) =>
  reachesUnit(reachOf(subject.grants, ['administrator', 'programme_owner']), unitPath);

/**
 * Who sits in a political body: whoever reaches its members, and its own elected officials
 * (the members of a body are a public record to each other).
 */
export const maySeeBodySeats = (subject: Subject, bodyId: string) =>
  reachesBody(reachOf(subject.grants, OWNING_ROLES), bodyId) ||
  subject.grants.some((g) => g.role === 'elected_official' && g.scopeBodyId === bodyId);

/** Imports, column profiles, hand edits of the organisation, accounts: administrators. */
export const mayAdminister = (subject: Subject) =>
  subject.grants.some((g) => g.role === 'administrator');

/* ---- Programmes ---- */

export interface ProgrammeFacts {
  status: 'draft' | 'active' | 'ended';
  /** Is the caller listed among the programme's owners? */
  listedOwner: boolean;
}

/** Administrators and programme owners of the whole municipality own every programme. */
const ownsEveryProgramme = (subject: Subject) =>
  subject.grants.some(
    (g) => g.role === 'administrator' || (g.role === 'programme_owner' && unscoped(g)),
  );

export const mayCreateProgramme = ownsEveryProgramme;

/**
 * Change a programme (its file, its status, its trainers and sessions): the municipality's
 * owners, and its listed owners while they hold a role that may own programmes. Acting for a
 * person needs more (mayActForPerson).
 */
export const mayManageProgramme = (subject: Subject, programme: ProgrammeFacts) =>
  ownsEveryProgramme(subject) ||
  (programme.listedOwner && hasAnyRole(subject.grants, OWNING_ROLES));

/** The figures of a programme; a draft only for those who manage it. */
export const mayReadFigures = (subject: Subject, programme: ProgrammeFacts) =>
  mayManageProgramme(subject, programme) ||
  (programme.status !== 'draft' && hasAnyRole(subject.grants, FIGURE_ROLES));

/**
 * Who in a programme is done and who is missing, person by person: those who may read its
 * figures and see people (owners, administrators, security coordinators, managers), each only
 * for the people their seeing reach covers. Trainers and elected officials read figures only.
 */
export function missingListReach(subject: Subject, programme: ProgrammeFacts): Reach {
  if (!mayReadFigures(subject, programme)) return NOBODY;
  return seeingReach(subject.grants);
}

/** The list of programmes (figures, never people). */
export const mayListProgrammes = (subject: Subject, ownsAny: boolean) =>
  hasAnyRole(subject.grants, FIGURE_ROLES) || (ownsAny && hasAnyRole(subject.grants, OWNING_ROLES));

/**
 * Whole-programme figures, or only the subtrees of a manager's units (null: whole; an empty
 * list never happens, mayReadFigures has refused first).
 */
export function figureScope(subject: Subject, programme: ProgrammeFacts): UnitId[] | null {
  if (mayManageProgramme(subject, programme)) return null;
  if (
    hasAnyRole(
      subject.grants,
      FIGURE_ROLES.filter((r) => r !== 'manager'),
    )
  )
    return null;
  return managingReach(subject.grants).units;
}

/**
 * Exempt a person, register or correct their completion, register them as a trainer: an owner
 * of the programme who reaches the person (anyone else answers like a person who does not
 * exist), and never for themselves (that would be recording one's own training).
 */
export function actForPerson(
  subject: Subject,
  programme: ProgrammeFacts,
  person: PersonFacts,
): 'ok' | 'out_of_reach' | 'own_training' {
  if (!mayManageProgramme(subject, programme) || !reaches(owningReach(subject.grants), person))
    return 'out_of_reach';
  return isSelf(subject, person.id) ? 'own_training' : 'ok';
}

export const mayActForPerson = (subject: Subject, programme: ProgrammeFacts, person: PersonFacts) =>
  actForPerson(subject, programme, person) === 'ok';

/** Who approves a self-reported completion, as the course asks for it. */
export type ApprovalBy = 'none' | 'manager' | 'trainer' | 'programme_owner';

/**
 * Accept or reject a self-reported completion: an owner of the programme who reaches the
 * person, or the approver the course names within their scope (a manager of one of the
 * person's units, a trainer serving it). Never one's own.
 */
export function mayDecideCompletion(
  subject: Subject,
  input: { programme: ProgrammeFacts; person: PersonFacts; approval: ApprovalBy },
): boolean {
  if (isSelf(subject, input.person.id)) return false;
  if (mayActForPerson(subject, input.programme, input.person)) return true;
  if (input.approval === 'manager') return reaches(managingReach(subject.grants), input.person);
  if (input.approval === 'trainer') return reaches(trainerReach(subject.grants), input.person);
  return false;
}

/* ---- Trainers and sessions ---- */

/** The trainers, coverage and planning of a programme (figures of units, names of trainers). */
export const mayReadTrainers = (
  subject: Subject,
  programme: ProgrammeFacts,
  trainsForIt: boolean,
) =>
  mayManageProgramme(subject, programme) ||
  (programme.status !== 'draft' && (trainsForIt || hasAnyRole(subject.grants, ['trainer'])));

/** Attach a unit (with everything below it) to a trainer: an owner whose scope holds it. */
export const mayAttachTrainerUnit = (subject: Subject, unitPath: readonly string[]) =>
  reachesUnit(owningReach(subject.grants), unitPath);

/**
 * To which units a session may be opened: an owner of the programme to the units they reach
 * (everywhere, unscoped), a trainer who is not an owner to the units they serve (with
 * everything below them).
 */
export const sessionOpeningReach = (
  subject: Subject,
  opener: { owner: boolean; servedUnits: readonly string[] },
): Reach =>
  opener.owner ? owningReach(subject.grants) : { ...NOBODY, units: opener.servedUnits as UnitId[] };

export interface SessionFacts {
  programme: ProgrammeFacts;
  trainerIds: readonly string[];
  /**
   * The units the caller serves as a trainer of the programme, when they are one of this
   * session's trainers (empty otherwise: serving counts only on one's own sessions).
   */
  servedUnits: readonly string[];
}

export const isSessionTrainer = (subject: Subject, session: SessionFacts) =>
  subject.personId !== null && session.trainerIds.includes(subject.personId);

/** Move, resize or cancel a session; see all its participants: its trainers and owners. */
export const mayManageSession = (subject: Subject, session: SessionFacts) =>
  isSessionTrainer(subject, session) || mayManageProgramme(subject, session.programme);

/** Does the caller serve, as a trainer of the programme, a unit the person works in? */
export const servesPerson = (session: Pick<SessionFacts, 'servedUnits'>, person: PersonFacts) =>
  person.unitPaths.some((path) => session.servedUnits.some((u) => path.includes(u)));

/**
 * See a participant on a session's list: the session's trainers, the owners who reach them,
 * and their managers (a participant's own booking is `myBooking`, not the list).
 */
export const maySeeParticipant = (subject: Subject, session: SessionFacts, person: PersonFacts) =>
  isSessionTrainer(subject, session) ||
  mayActForPerson(subject, session.programme, person) ||
  reaches(managingReach(subject.grants), person);

/**
 * Book a person on a session: themselves, their managers, the owners who reach them, and the
 * session's trainers for the people of the units they serve.
 */
export const mayBookPerson = (subject: Subject, session: SessionFacts, person: PersonFacts) =>
  isSelf(subject, person.id) ||
  reaches(managingReach(subject.grants), person) ||
  mayActForPerson(subject, session.programme, person) ||
  (isSessionTrainer(subject, session) && servesPerson(session, person));

/**
 * Whom the caller may book on a session besides themselves, as a reach (what a search for
 * people to book is limited to): their own staff (managers), the people an owner reaches, the
 * people of the units a session's trainer serves.
 */
export function bookingReach(subject: Subject, session: SessionFacts): Reach {
  return unionReach(
    managingReach(subject.grants),
    mayManageProgramme(subject, session.programme) ? owningReach(subject.grants) : NOBODY,
    isSessionTrainer(subject, session)
      ? { ...NOBODY, units: session.servedUnits as UnitId[] }
      : NOBODY,
  );
}

/** Cancel a booking: the same people who may book it. */
export const mayCancelBooking = mayBookPerson;

/**
 * Mark a person present or absent: the session's trainers and owners, never for themselves. A
 * booked participant always; anyone else (a walk-in) only within reach — served by the trainer
 * or reached by the owner — and assigned the course. Out of reach answers like a person who
 * does not exist.
 */
export function mayMarkAttendance(
  subject: Subject,
  session: SessionFacts,
  person: PersonFacts,
  input: { booked: boolean; assigned: boolean },
): 'ok' | 'own_training' | 'not_session_trainer' | 'out_of_reach' | 'not_assigned' {
  if (!mayManageSession(subject, session)) return 'not_session_trainer';
  if (isSelf(subject, person.id)) return 'own_training';
  if (input.booked) return 'ok';
  const served = isSessionTrainer(subject, session) && servesPerson(session, person);
  if (!served && !mayActForPerson(subject, session.programme, person)) return 'out_of_reach';
  return input.assigned ? 'ok' : 'not_assigned';
}

/** Schedule a session: the programme's owners; its qualified trainers (not the trainer course). */
export const mayScheduleSession = (
  subject: Subject,
  programme: ProgrammeFacts,
  input: { qualifiedTrainer: boolean; forTrainers: boolean },
) =>
  mayManageProgramme(subject, programme) ||
  (programme.status === 'active' && input.qualifiedTrainer && !input.forTrainers);

/** Record a session already held (it starts in the past): owners only, audited. */
export const mayRecordHeldSession = mayManageProgramme;

/* ---- What the web may offer ---- */

/** What the caller may do at all, for menus and buttons (each object says more in `can`). */
export function abilities(subject: Subject, ownsAnyProgramme: boolean) {
  return {
    listProgrammes: mayListProgrammes(subject, ownsAnyProgramme),
    createProgrammes: mayCreateProgramme(subject),
    approveCompletions:
      hasAnyRole(subject.grants, ['manager', 'trainer']) ||
      (hasAnyRole(subject.grants, OWNING_ROLES) &&
        (ownsEveryProgramme(subject) || ownsAnyProgramme)),
    administer: mayAdminister(subject),
    seePeople: !isNobody(seeingReach(subject.grants)),
  };
}
export type Abilities = ReturnType<typeof abilities>;

/** Everyone any of the reaches reaches. */
export function unionReach(...reaches: readonly Reach[]): Reach {
  return {
    everyone: reaches.some((r) => r.everyone),
    units: [...new Set(reaches.flatMap((r) => r.units))],
    bodies: [...new Set(reaches.flatMap((r) => r.bodies))],
    allBodies: reaches.some((r) => r.allBodies),
  };
}
