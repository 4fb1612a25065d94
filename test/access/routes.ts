import { ACTORS, MISSING, type AccessFixture, type ActorName } from './fixture.ts';

/**
 * Every route that needs a signed-in caller, as the access matrix and the fuzz test use it: who
 * may call it on an object of their own scope, which object kind decides, and how to build a
 * valid request for an object.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface Request {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}
type Pick = (actor: ActorName) => string | null;
export interface Kind {
  inScope: Pick;
  /** An object of the same kind outside the actor's scope (null: the actor is unscoped). */
  outOfScope: Pick;
  foreign: string;
}
export interface Row {
  /** Who gets the object of their own scope (the others: 403 or not found). */
  allow: readonly ActorName[] | 'all';
  /** The object whose scope decides; absent: the route names none. */
  kind?: (f: AccessFixture) => Kind;
  request: (id: string, f: AccessFixture) => Request;
  /** Ends the caller's session: run with a sign-in of its own. */
  freshLogin?: boolean;
}

const OWNERS = ['admin', 'strateg', 'agare'] as const;
const FIGURES = [
  'admin',
  'strateg',
  'agare',
  'utbildare',
  'chef',
  'fortroendevald',
  'sakerhet',
] as const;
const SCHEDULERS = ['admin', 'strateg', 'agare', 'utbildare'] as const;
const ADMIN = ['admin'] as const;
const FAR = '2099-12-31';
const get = (url: string): Request => ({ method: 'GET', url });
const by =
  <T>(choices: Partial<Record<ActorName, T>>, otherwise: T) =>
  (actor: ActorName): T =>
    actor in choices ? (choices[actor] as T) : otherwise;

/* ---- The kinds of object and what is inside and outside each role's scope ---- */

/** People the caller may see (person pages, training records). */
const seenPerson = (f: AccessFixture): Kind => ({
  inScope: by<string | null>(
    {
      admin: f.people.soc,
      strateg: f.people.soc,
      agare: f.people.soc,
      chef: f.people.lib,
      sakerhet: f.people.official,
    },
    null,
  ),
  outOfScope: by<string | null>(
    {
      admin: null,
      strateg: null,
      agare: f.people.lib,
      chef: f.people.soc,
      utbildare: f.people.lib,
    },
    f.people.soc,
  ),
  foreign: f.foreign.person,
});
/** Who has no wider scope has themselves in scope (their own page, their own booking). */
const withSelf =
  (kind: (f: AccessFixture) => Kind) =>
  (f: AccessFixture): Kind => {
    const base = kind(f);
    return { ...base, inScope: (a) => base.inScope(a) ?? f.self[a] ?? f.people.soc };
  };
/** People an owner acts for (exemptions, registrations, trainers). */
const ownedPerson = (f: AccessFixture): Kind => ({
  inScope: by({ sakerhet: f.people.official }, f.people.soc),
  outOfScope: by(
    { admin: null, strateg: null, agare: f.people.lib, sakerhet: f.people.soc },
    f.people.lib,
  ),
  foreign: f.foreign.person,
});
/** People one may book on the office's session. */
const bookablePerson = (f: AccessFixture): Kind => ({
  inScope: by<string | null>(
    {
      admin: f.people.soc,
      strateg: f.people.soc,
      agare: f.people.soc,
      utbildare: f.people.soc,
      chef: f.people.lib,
    },
    null,
  ),
  outOfScope: by<string | null>(
    {
      admin: null,
      strateg: null,
      agare: f.people.lib,
      utbildare: f.people.lib,
      chef: f.people.soc,
    },
    f.people.soc,
  ),
  foreign: f.foreign.person,
});
const unitHistory = (f: AccessFixture): Kind => ({
  inScope: () => f.units.soc,
  outOfScope: by({ admin: null, strateg: null, agare: f.units.buk }, f.units.buk),
  foreign: f.foreign.unit,
});
const unitStaff = (f: AccessFixture): Kind => ({
  inScope: by({ chef: f.units.lib }, f.units.soc),
  outOfScope: by(
    { admin: null, strateg: null, agare: f.units.lib, chef: f.units.soc },
    f.units.lib,
  ),
  foreign: f.foreign.unit,
});
/** The organisation's tree and bodies are a public record inside the municipality. */
const publicUnit = (f: AccessFixture): Kind => ({
  inScope: () => f.units.soc,
  outOfScope: () => null,
  foreign: f.foreign.unit,
});
const bodySeats = (f: AccessFixture): Kind => ({
  inScope: () => f.bodies.kfn,
  outOfScope: by(
    { fortroendevald: f.bodies.other, admin: null, strateg: null, sakerhet: null },
    f.bodies.kfn,
  ),
  foreign: f.foreign.body,
});
/** A programme: the active one for everyone; the draft is out of scope for who does not own it. */
const programme = (f: AccessFixture): Kind => ({
  inScope: () => f.programmes.vnr,
  outOfScope: by({ admin: null, strateg: null, sakerhet: null }, f.programmes.draft),
  foreign: f.foreign.programme,
});
const session = (f: AccessFixture): Kind => ({
  inScope: () => f.sessions.soc,
  outOfScope: by({ admin: null, strateg: null, sakerhet: null }, f.sessions.draft),
  foreign: f.foreign.session,
});
const report = (f: AccessFixture): Kind => ({
  inScope: by({ chef: f.reports.lib.completion }, f.reports.soc.completion),
  outOfScope: by(
    { admin: null, strateg: null, agare: f.reports.lib.completion, chef: f.reports.soc.completion },
    f.reports.lib.completion,
  ),
  foreign: f.foreign.completion,
});
const evidence = (f: AccessFixture): Kind => ({
  inScope: by({ chef: f.reports.lib.evidence }, f.reports.soc.evidence),
  outOfScope: by(
    { admin: null, strateg: null, agare: f.reports.lib.evidence, chef: f.reports.soc.evidence },
    f.reports.lib.evidence,
  ),
  foreign: MISSING,
});
const simple =
  (pick: (f: AccessFixture) => string, foreign: (f: AccessFixture) => string) =>
  (f: AccessFixture): Kind => ({
    inScope: () => pick(f),
    outOfScope: () => null,
    foreign: foreign(f),
  });

/** An account of the municipality (administrators manage every one). */
const account = simple(
  (f) => f.accounts.target,
  (f) => f.foreign.account,
);

/* ---- Every route ---- */

export const ROWS: Record<string, Row> = {
  'GET /api/auth/me': { allow: 'all', request: () => get('/api/auth/me') },
  'PUT /api/auth/me/locale': {
    allow: 'all',
    request: () => ({ method: 'PUT', url: '/api/auth/me/locale', payload: { locale: 'sv' } }),
  },
  'POST /api/auth/logout': {
    allow: 'all',
    freshLogin: true,
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
  },
  'GET /api/org': { allow: 'all', request: () => get('/api/org') },
  'GET /api/org/units/:id': {
    allow: 'all',
    kind: publicUnit,
    request: (id) => get(`/api/org/units/${id}`),
  },
  'GET /api/org/units/:id/people': {
    allow: ['admin', 'strateg', 'agare', 'chef'],
    kind: unitStaff,
    request: (id) => get(`/api/org/units/${id}/people`),
  },
  'GET /api/org/units/:id/history': {
    allow: OWNERS,
    kind: unitHistory,
    request: (id) => get(`/api/org/units/${id}/history`),
  },
  'GET /api/org/people': {
    allow: ['admin', 'strateg', 'agare', 'chef', 'sakerhet'],
    request: () => get('/api/org/people?q=an'),
  },
  'GET /api/org/people/:id': {
    allow: 'all',
    kind: withSelf(seenPerson),
    request: (id) => get(`/api/org/people/${id}`),
  },
  'GET /api/org/bodies/:id': {
    allow: ['admin', 'strateg', 'sakerhet', 'fortroendevald'],
    kind: bodySeats,
    request: (id) => get(`/api/org/bodies/${id}`),
  },
  'POST /api/org/bodies': {
    allow: ADMIN,
    request: () => ({
      method: 'POST',
      url: '/api/org/bodies',
      payload: {
        code: `N-${Math.random().toString(36).slice(2, 8)}`,
        name: 'Ny nämnd',
        kind: 'committee',
      },
    }),
  },
  'POST /api/org/units': {
    allow: ADMIN,
    kind: simple(
      (f) => f.units.soc,
      (f) => f.foreign.unit,
    ),
    request: (id) => ({
      method: 'POST',
      url: '/api/org/units',
      payload: {
        code: `U-${Math.random().toString(36).slice(2, 8)}`,
        name: 'Ny enhet',
        parentId: id,
        kind: 'unit',
      },
    }),
  },
  'PATCH /api/org/units/:id': {
    allow: ADMIN,
    kind: simple(
      (f) => f.units.buk,
      (f) => f.foreign.unit,
    ),
    request: (id) => ({
      method: 'PATCH',
      url: `/api/org/units/${id}`,
      payload: { kind: 'office' },
    }),
  },
  'POST /api/org/units/:id/close': {
    allow: ADMIN,
    kind: simple(
      (f) => f.units.soc,
      (f) => f.foreign.unit,
    ),
    request: (id) => ({
      method: 'POST',
      url: `/api/org/units/${id}/close`,
      payload: { validTo: FAR },
    }),
  },
  'GET /api/users': { allow: ADMIN, request: () => get('/api/users?q=a&status=all') },
  'POST /api/users': {
    allow: ADMIN,
    request: () => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `matris-${Math.random().toString(36).slice(2, 9)}`,
        displayName: 'Matris',
        password: null,
        role: 'employee',
      },
    }),
  },
  'POST /api/users/from-people': {
    allow: ADMIN,
    request: () => ({ method: 'POST', url: '/api/users/from-people', payload: {} }),
  },
  'GET /api/users/:id': { allow: ADMIN, kind: account, request: (id) => get(`/api/users/${id}`) },
  'PATCH /api/users/:id': {
    allow: ADMIN,
    kind: account,
    request: (id) => ({ method: 'PATCH', url: `/api/users/${id}`, payload: { displayName: 'Ny' } }),
  },
  'POST /api/users/:id/disable': {
    allow: ADMIN,
    kind: account,
    request: (id) => ({ method: 'POST', url: `/api/users/${id}/disable` }),
  },
  'POST /api/users/:id/enable': {
    allow: ADMIN,
    kind: account,
    request: (id) => ({ method: 'POST', url: `/api/users/${id}/enable` }),
  },
  'POST /api/users/:id/password': {
    allow: ADMIN,
    kind: account,
    request: (id) => ({ method: 'POST', url: `/api/users/${id}/password`, payload: {} }),
  },
  'POST /api/users/:id/grants': {
    allow: ADMIN,
    kind: account,
    request: (id, f) => ({
      method: 'POST',
      url: `/api/users/${id}/grants`,
      payload: { role: 'trainer', scopeUnitId: f.units.soc },
    }),
  },
  'DELETE /api/users/:id/grants/:grantId': {
    allow: ADMIN,
    kind: account,
    request: (id) => ({
      method: 'DELETE',
      url: `/api/users/${id}/grants/${grantOf.get(id) ?? MISSING}`,
    }),
  },
  'PATCH /api/org/people/:id': {
    allow: ADMIN,
    kind: simple(
      (f) => f.people.buk,
      (f) => f.foreign.person,
    ),
    request: (id) => ({
      method: 'PATCH',
      url: `/api/org/people/${id}`,
      payload: { lastName: 'Berg' },
    }),
  },
  'POST /api/org/people/:id/employments': {
    allow: ADMIN,
    kind: simple(
      (f) => f.people.buk,
      (f) => f.foreign.person,
    ),
    request: (id, f) => ({
      method: 'POST',
      url: `/api/org/people/${id}/employments`,
      payload: { unitId: f.units.buk, title: 'Lärare', startDate: '2026-01-01' },
    }),
  },
  'POST /api/org/employments/:id/end': {
    allow: ADMIN,
    kind: (f) => ({
      inScope: () => f.people.buk,
      outOfScope: () => null,
      foreign: f.foreign.employment,
    }),
    // The person's employment (the matrix picks people; the route names their employment).
    request: (id) => ({
      method: 'POST',
      url: `/api/org/employments/${employmentOf.get(id) ?? id}/end`,
      payload: { endDate: FAR },
    }),
  },
  'POST /api/org/people/:id/seats': {
    allow: ADMIN,
    kind: simple(
      (f) => f.people.buk,
      (f) => f.foreign.person,
    ),
    request: (id, f) => ({
      method: 'POST',
      url: `/api/org/people/${id}/seats`,
      payload: { bodyId: f.bodies.other, role: 'substitute', termStart: '2026-01-01' },
    }),
  },
  'POST /api/org/seats/:id/end': {
    allow: ADMIN,
    kind: (f) => ({
      inScope: () => f.people.official,
      outOfScope: () => null,
      foreign: f.foreign.seat,
    }),
    request: (id) => ({
      method: 'POST',
      url: `/api/org/seats/${seatOf.get(id) ?? id}/end`,
      payload: { endDate: FAR },
    }),
  },
  'POST /api/org/people/:id/split': {
    allow: ADMIN,
    kind: simple(
      (f) => f.people.buk,
      (f) => f.foreign.person,
    ),
    request: (id) => ({ method: 'POST', url: `/api/org/people/${id}/split` }),
  },
  'GET /api/imports': { allow: ADMIN, request: () => get('/api/imports') },
  'GET /api/imports/profiles': { allow: ADMIN, request: () => get('/api/imports/profiles') },
  'PUT /api/imports/profiles': {
    allow: ADMIN,
    request: () => ({
      method: 'PUT',
      url: '/api/imports/profiles',
      payload: { kind: 'units', name: 'matris', mapping: { code: 'Kod' } },
    }),
  },
  'DELETE /api/imports/profiles/:id': {
    allow: ADMIN,
    kind: (f) => ({ inScope: () => profileId, outOfScope: () => null, foreign: f.foreign.person }),
    request: (id) => ({ method: 'DELETE', url: `/api/imports/profiles/${id}` }),
  },
  'GET /api/imports/:id': {
    allow: ADMIN,
    kind: (f) => ({ inScope: () => importId, outOfScope: () => null, foreign: f.foreign.person }),
    request: (id) => get(`/api/imports/${id}`),
  },
  'POST /api/imports/:kind/columns': {
    allow: ADMIN,
    request: () => csv('/api/imports/units/columns?fileName=e.csv'),
  },
  'POST /api/imports/:kind/preview': {
    allow: ADMIN,
    request: () => csv('/api/imports/units/preview?fileName=e.csv&mode=partial'),
  },
  'POST /api/imports/:kind': {
    allow: ADMIN,
    request: () => csv('/api/imports/units?fileName=e.csv&mode=partial'),
  },
  'POST /api/imports/undo': {
    allow: ADMIN,
    request: () => ({ method: 'POST', url: '/api/imports/undo' }),
  },

  'GET /api/programmes': { allow: FIGURES, request: () => get('/api/programmes') },
  'GET /api/courses': { allow: ['admin', 'strateg'], request: () => get('/api/courses') },
  'PUT /api/programmes': {
    allow: OWNERS,
    request: () => ({ method: 'PUT', url: '/api/programmes', payload: programmeFileJson }),
  },
  'GET /api/programmes/:id/progress': {
    allow: FIGURES,
    kind: programme,
    request: (id) => get(`/api/programmes/${id}/progress`),
  },
  'GET /api/programmes/:id/progress/export': {
    allow: FIGURES,
    kind: programme,
    request: (id) => get(`/api/programmes/${id}/progress/export?format=csv`),
  },
  'GET /api/programmes/:id/people': {
    allow: ['admin', 'strateg', 'agare', 'chef'],
    kind: unitStaff,
    request: (id, f) => get(`/api/programmes/${f.programmes.vnr}/people?unit=${id}`),
  },
  'GET /api/programmes/:id/missing': {
    allow: ['admin', 'strateg', 'agare', 'chef'],
    kind: unitStaff,
    request: (id, f) => get(`/api/programmes/${f.programmes.vnr}/missing?node=${id}`),
  },
  'GET /api/programmes/:id/missing/export': {
    allow: ['admin', 'strateg', 'agare', 'chef'],
    kind: unitStaff,
    request: (id, f) =>
      get(`/api/programmes/${f.programmes.vnr}/missing/export?node=${id}&format=csv`),
  },
  'GET /api/programmes/:id/file': {
    allow: OWNERS,
    kind: programme,
    request: (id) => get(`/api/programmes/${id}/file`),
  },
  'POST /api/programmes/:id/status': {
    allow: OWNERS,
    kind: programme,
    request: (id) => ({
      method: 'POST',
      url: `/api/programmes/${id}/status`,
      payload: { status: id === fixture.programmes.draft ? 'draft' : 'active' },
    }),
  },
  'GET /api/programmes/:id/reminders': {
    allow: OWNERS,
    kind: programme,
    request: (id) => get(`/api/programmes/${id}/reminders`),
  },
  'POST /api/programmes/:id/reminders/preview': {
    allow: OWNERS,
    kind: programme,
    request: (id) => ({
      method: 'POST',
      url: `/api/programmes/${id}/reminders/preview`,
      payload: { dueSoonDays: 30, overdueEveryDays: null },
    }),
  },
  'PUT /api/programmes/:id/reminders': {
    allow: OWNERS,
    kind: programme,
    request: (id) => ({
      method: 'PUT',
      url: `/api/programmes/${id}/reminders`,
      payload: { dueSoonDays: 14, overdueEveryDays: 7 },
    }),
  },
  'POST /api/programmes/:id/completions/import': {
    allow: OWNERS,
    kind: programme,
    request: (id) => ({
      method: 'POST',
      url: `/api/programmes/${id}/completions/import?course=WEBBKURS-VALD&fileName=lista.csv`,
      payload: 'Anställningsnummer;Datum\n',
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /api/programmes/:id/exemptions': {
    allow: OWNERS,
    kind: ownedPerson,
    request: (id, f) => ({
      method: 'POST',
      url: `/api/programmes/${f.programmes.vnr}/exemptions`,
      payload: { personId: id, reason: '' },
    }),
  },
  'GET /api/people/:id/programmes': {
    allow: 'all',
    kind: withSelf(seenPerson),
    request: (id) => get(`/api/people/${id}/programmes`),
  },
  'GET /api/me/training': { allow: 'all', request: () => get('/api/me/training') },
  'GET /api/me/overview': { allow: 'all', request: () => get('/api/me/overview') },
  'GET /api/me/counts': { allow: 'all', request: () => get('/api/me/counts') },
  'GET /api/me/notifications': { allow: 'all', request: () => get('/api/me/notifications') },
  'POST /api/me/notifications/read': {
    allow: 'all',
    request: () => ({
      method: 'POST',
      url: '/api/me/notifications/read',
      payload: { upTo: new Date().toISOString() },
    }),
  },
  'GET /api/me/notification-choices': {
    allow: 'all',
    request: () => get('/api/me/notification-choices'),
  },
  'PUT /api/me/notification-choices': {
    allow: 'all',
    request: () => ({
      method: 'PUT',
      url: '/api/me/notification-choices',
      payload: {
        email: true,
        cadence: 'daily',
        digestHour: 7,
        digestWeekday: 1,
        quietFrom: '20:00',
        quietTo: '07:00',
        dailyCap: 3,
      },
    }),
  },
  'GET /api/admin/mail': { allow: ADMIN, request: () => get('/api/admin/mail') },
  'GET /api/admin/mail/:id': {
    allow: ADMIN,
    kind: simple(
      (f) => f.mail,
      (f) => f.foreign.mail,
    ),
    request: (id) => get(`/api/admin/mail/${id}`),
  },
  'POST /api/me/completions': {
    allow: ACTORS.filter((a) => a !== 'admin'),
    request: (_id, f) => ({
      method: 'POST',
      url: '/api/me/completions',
      payload: { courseId: f.courses.web, completedOn: '2026-01-01', attest: true },
    }),
  },
  'GET /api/approvals': { allow: 'all', request: () => get('/api/approvals') },
  'POST /api/completions/:id/decision': {
    allow: ['admin', 'strateg', 'agare', 'chef'],
    kind: report,
    request: (id) => ({
      method: 'POST',
      url: `/api/completions/${id}/decision`,
      payload: { decision: 'accept' },
    }),
  },
  'POST /api/completions': {
    allow: OWNERS,
    kind: ownedPerson,
    request: (id, f) => ({
      method: 'POST',
      url: '/api/completions',
      payload: { personId: id, courseId: f.courses.web, completedOn: '2026-01-02' },
    }),
  },
  'POST /api/completions/:id/correction': {
    allow: OWNERS,
    kind: (f) => ({ ...report(f), inScope: () => f.reports.soc.completion }),
    request: (id) => ({
      method: 'POST',
      url: `/api/completions/${id}/correction`,
      payload: { reason: 'Fel datum', completedOn: '2026-01-03' },
    }),
  },
  'GET /api/evidence/:id': {
    allow: ['admin', 'strateg', 'agare', 'chef'],
    kind: evidence,
    request: (id) => get(`/api/evidence/${id}`),
  },

  'GET /api/me/sessions': { allow: 'all', request: () => get('/api/me/sessions') },
  'GET /api/programmes/:id/sessions': {
    allow: SCHEDULERS,
    kind: programme,
    request: (id) => get(`/api/programmes/${id}/sessions`),
  },
  'POST /api/sessions': {
    allow: SCHEDULERS,
    request: (_id, f) => ({
      method: 'POST',
      url: '/api/sessions',
      payload: {
        courseId: f.courses.group,
        startsAt: '2030-05-01T09:00',
        endsAt: '2030-05-01T11:00',
        place: 'Eken',
        capacity: 5,
      },
    }),
  },
  'GET /api/sessions/:id': {
    allow: 'all',
    kind: session,
    request: (id) => get(`/api/sessions/${id}`),
  },
  'PATCH /api/sessions/:id': {
    allow: SCHEDULERS,
    kind: session,
    request: (id) => ({
      method: 'PATCH',
      url: `/api/sessions/${id}`,
      payload: { note: 'Ta med papper.' },
    }),
  },
  'GET /api/sessions/:id/candidates': {
    allow: [...SCHEDULERS, 'chef'],
    kind: session,
    request: (id) => get(`/api/sessions/${id}/candidates?q=an`),
  },
  'POST /api/sessions/:id/bookings': {
    allow: 'all',
    kind: withSelf(bookablePerson),
    request: (id, f) => ({
      method: 'POST',
      url: `/api/sessions/${f.sessions.soc}/bookings`,
      payload: { personId: id },
    }),
  },
  'DELETE /api/sessions/:id/bookings/:bookingId': {
    allow: 'all',
    kind: withSelf(bookablePerson),
    request: (id, f) => ({
      method: 'DELETE',
      url: `/api/sessions/${f.sessions.soc}/bookings/${bookingOf.get(id) ?? id}`,
    }),
  },
  'PUT /api/sessions/:id/attendance': {
    allow: SCHEDULERS,
    kind: session,
    request: (id, f) => ({
      method: 'PUT',
      url: `/api/sessions/${id}/attendance`,
      payload: { personId: f.people.soc, attendance: 'present' },
    }),
  },
  'GET /api/sessions/:id/calendar.ics': {
    allow: 'all',
    kind: session,
    request: (id) => get(`/api/sessions/${id}/calendar.ics`),
  },
  'GET /api/sessions/:id/attendance.pdf': {
    allow: SCHEDULERS,
    kind: session,
    request: (id) => get(`/api/sessions/${id}/attendance.pdf`),
  },
  'GET /api/me/calendar-feed': { allow: 'all', request: () => get('/api/me/calendar-feed') },
  'POST /api/me/calendar-feed': {
    allow: ACTORS.filter((a) => a !== 'admin'),
    request: () => ({ method: 'POST', url: '/api/me/calendar-feed' }),
  },
  'DELETE /api/me/calendar-feed': {
    allow: 'all',
    request: () => ({ method: 'DELETE', url: '/api/me/calendar-feed' }),
  },
  'GET /api/programmes/:id/trainers': {
    allow: SCHEDULERS,
    kind: programme,
    request: (id) => get(`/api/programmes/${id}/trainers`),
  },
  'GET /api/programmes/:id/planning': {
    allow: SCHEDULERS,
    kind: programme,
    request: (id) => get(`/api/programmes/${id}/planning`),
  },
  'GET /api/programmes/:id/trainer-candidates': {
    allow: OWNERS,
    kind: programme,
    request: (id) => get(`/api/programmes/${id}/trainer-candidates?q=an`),
  },
  'PUT /api/programmes/:id/trainers': {
    allow: OWNERS,
    kind: ownedPerson,
    request: (id, f) => ({
      method: 'PUT',
      url: `/api/programmes/${f.programmes.vnr}/trainers`,
      payload: { personId: id, unitIds: [], register: true },
    }),
  },
  'DELETE /api/programmes/:id/trainers/:personId': {
    allow: OWNERS,
    kind: ownedPerson,
    request: (id, f) => ({
      method: 'DELETE',
      url: `/api/programmes/${f.programmes.vnr}/trainers/${id}`,
    }),
  },
};

/** Routes anyone may reach without signing in (documentation, health, the web app, feeds). */
export const PUBLIC =
  /^(\/healthz|\/readyz|\/api\/docs.*|\/api\/openapi\.json|\/api\/auth\/options|\/api\/auth\/login|\/calendar\/:file|\/assets\/\*|\/\*)$/;

const csv = (url: string): Request => ({
  method: 'POST',
  url,
  payload: `enhetskod;namn;överordnad\nM-${Math.random().toString(36).slice(2, 7)};Matris;SOC\n`,
  headers: { 'content-type': 'text/csv' },
});

/** Objects the rows refer to, made by prepareRoutes once the fixture exists. */
let fixture: AccessFixture;
let profileId = '';
let importId = '';
const employmentOf = new Map<string, string>();
const seatOf = new Map<string, string>();
export const bookingOf = new Map<string, string>();
/** Grants to withdraw are made afresh for each check, by account. */
export const grantOf = new Map<string, string>();
/** The violence programme's file, its owners including the scoped owner. */
let programmeFileJson: unknown = null;

/** Makes what the rows need besides the fixture: a profile, an import, the file to apply. */
export async function prepareRoutes(f: AccessFixture) {
  fixture = f;
  const { t } = fixture;
  const employment = await t.db
    .selectFrom('employments')
    .select('id')
    .where('person_id', '=', fixture.people.buk)
    .executeTakeFirstOrThrow();
  employmentOf.set(fixture.people.buk, employment.id);
  const seat = await t.db
    .selectFrom('seats')
    .select('id')
    .where('person_id', '=', fixture.people.official)
    .executeTakeFirstOrThrow();
  seatOf.set(fixture.people.official, seat.id);
  const admin = fixture.cookies.admin;
  const profile = await t.app.inject({
    method: 'PUT',
    url: '/api/imports/profiles',
    headers: { cookie: admin },
    payload: { kind: 'people', name: 'fast', mapping: { employee_id: 'Nr' } },
  });
  profileId = profile.json<{ id: string }>().id;
  const upload = csv('/api/imports/units?fileName=m.csv&mode=partial');
  const imported = await t.app.inject({
    method: 'POST',
    url: upload.url,
    payload: upload.payload as string,
    headers: { cookie: admin, 'content-type': 'text/csv' },
  });
  importId = imported.json<{ run: { id: string } }>().run.id;
  const file = await import('../../docs/examples/violence-in-close-relationships.json', {
    with: { type: 'json' },
  });
  programmeFileJson = { ...(file.default as object), owners: ['strateg', 'agare'] };
}
