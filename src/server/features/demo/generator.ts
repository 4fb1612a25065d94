import { addDays } from '../../../domain/dates.ts';
import type { Role } from '../../../domain/roles.ts';
import { FIRST_NAMES, LAST_NAMES, PLACES, PRESCHOOL_NAMES } from './names.ts';
import { createRandom, type Random } from './random.ts';

/**
 * The demo municipality, generated without I/O: the same options give the same
 * municipality (names, units, seats), so tests and benchmarks can rely on it.
 */
export interface DemoOptions {
  employees: number;
  seed: number;
  /** Terms of office and employment dates are placed around this date (YYYY-MM-DD). */
  referenceDate: string;
}

export interface DemoUnit {
  code: string;
  name: string;
  kind: 'municipality' | 'office' | 'department' | 'unit';
  parentCode: string | null;
}
export interface DemoBody {
  code: string;
  name: string;
  kind: 'council' | 'board' | 'committee';
  officeCodes: string[];
}
export interface DemoPerson {
  key: number;
  employeeNumber: string | null;
  officialNumber: string | null;
  firstName: string;
  lastName: string;
  email: string;
}
export interface DemoEmployment {
  personKey: number;
  unitCode: string;
  title: string;
  isManager: boolean;
  employmentForm: 'tillsvidare' | 'visstid' | 'timanställd';
  startDate: string;
  endDate: string | null;
}
export interface DemoSeat {
  personKey: number;
  bodyCode: string;
  role: 'member' | 'substitute' | 'chair' | 'vice_chair';
  termStart: string;
  termEnd: string;
}
export interface DemoLogin {
  username: string;
  role: Role;
  personKey: number | null;
  displayName: string;
  scopeUnitCode: string | null;
  scopeBodyCode: string | null;
}
export interface DemoMunicipality {
  tenant: { code: string; name: string };
  units: DemoUnit[];
  bodies: DemoBody[];
  people: DemoPerson[];
  employments: DemoEmployment[];
  seats: DemoSeat[];
  logins: DemoLogin[];
}

interface UnitTemplate {
  /** `{place}` and `{preschool}` are filled from name lists. */
  pattern: string;
  managerTitle: string;
  titles: string[];
  /** Units of this template that exist however small the municipality. */
  min: number;
}
interface DepartmentTemplate {
  name: string;
  units: UnitTemplate[];
}
interface OfficeTemplate {
  code: string;
  name: string;
  weight: number;
  departments: DepartmentTemplate[];
}

const OFFICES: OfficeTemplate[] = [
  {
    code: 'KSK',
    name: 'Kommunstyrelsekontoret',
    weight: 0.06,
    departments: [
      {
        name: 'HR-avdelningen',
        units: [
          {
            pattern: 'HR-enheten',
            managerTitle: 'HR-chef',
            titles: ['HR-specialist', 'HR-strateg', 'Löneadministratör'],
            min: 1,
          },
        ],
      },
      {
        name: 'Ekonomiavdelningen',
        units: [
          {
            pattern: 'Redovisning och upphandling',
            managerTitle: 'Ekonomichef',
            titles: ['Controller', 'Redovisningsekonom', 'Upphandlare'],
            min: 1,
          },
        ],
      },
      {
        name: 'Kommunikation och säkerhet',
        units: [
          {
            pattern: 'Kommunikationsenheten',
            managerTitle: 'Kommunikationschef',
            titles: ['Kommunikatör', 'Webbredaktör'],
            min: 1,
          },
          {
            pattern: 'Säkerhet och beredskap',
            managerTitle: 'Säkerhetschef',
            titles: ['Säkerhetssamordnare', 'Beredskapssamordnare'],
            min: 1,
          },
        ],
      },
      {
        name: 'IT-avdelningen',
        units: [
          {
            pattern: 'IT-enheten {place}',
            managerTitle: 'IT-chef',
            titles: ['IT-tekniker', 'Systemförvaltare'],
            min: 1,
          },
        ],
      },
    ],
  },
  {
    code: 'BMK',
    name: 'Bygg- och miljökontoret',
    weight: 0.05,
    departments: [
      {
        name: 'Miljöavdelningen',
        units: [
          {
            pattern: 'Miljötillsyn {place}',
            managerTitle: 'Enhetschef',
            titles: ['Miljöinspektör', 'Miljöhandläggare'],
            min: 1,
          },
          {
            pattern: 'Livsmedelskontroll {place}',
            managerTitle: 'Enhetschef',
            titles: ['Livsmedelsinspektör'],
            min: 1,
          },
        ],
      },
      {
        name: 'Byggavdelningen',
        units: [
          {
            pattern: 'Bygglov {place}',
            managerTitle: 'Enhetschef',
            titles: ['Bygglovshandläggare', 'Byggnadsinspektör'],
            min: 1,
          },
          {
            pattern: 'Kart och mät',
            managerTitle: 'Enhetschef',
            titles: ['Mätningsingenjör', 'GIS-ingenjör'],
            min: 1,
          },
        ],
      },
    ],
  },
  {
    code: 'KFK',
    name: 'Kultur- och fritidskontoret',
    weight: 0.07,
    departments: [
      {
        name: 'Biblioteken',
        units: [
          {
            pattern: 'Biblioteket {place}',
            managerTitle: 'Bibliotekschef',
            titles: ['Bibliotekarie', 'Biblioteksassistent'],
            min: 2,
          },
        ],
      },
      {
        name: 'Bad och idrott',
        units: [
          {
            pattern: 'Simhallen {place}',
            managerTitle: 'Badchef',
            titles: ['Badmästare', 'Simlärare'],
            min: 1,
          },
          {
            pattern: 'Idrottsplatsen {place}',
            managerTitle: 'Enhetschef',
            titles: ['Anläggningsskötare'],
            min: 1,
          },
        ],
      },
      {
        name: 'Fritidsgårdar',
        units: [
          {
            pattern: 'Fritidsgården {place}',
            managerTitle: 'Enhetschef',
            titles: ['Fritidsledare'],
            min: 2,
          },
        ],
      },
      {
        name: 'Kulturskolan',
        units: [
          {
            pattern: 'Kulturskolan {place}',
            managerTitle: 'Kulturskolechef',
            titles: ['Musiklärare', 'Dansinstruktör'],
            min: 1,
          },
        ],
      },
    ],
  },
  {
    code: 'SOC',
    name: 'Socialkontoret',
    weight: 0.32,
    departments: [
      {
        name: 'Individ- och familjeomsorg',
        units: [
          {
            pattern: 'Barn och unga {place}',
            managerTitle: 'Enhetschef',
            titles: ['Socialsekreterare', 'Familjebehandlare'],
            min: 1,
          },
          {
            pattern: 'Vuxenenheten {place}',
            managerTitle: 'Enhetschef',
            titles: ['Socialsekreterare', 'Behandlingsassistent'],
            min: 1,
          },
          {
            pattern: 'Ekonomiskt bistånd {place}',
            managerTitle: 'Enhetschef',
            titles: ['Socialsekreterare'],
            min: 1,
          },
        ],
      },
      {
        name: 'Äldreomsorg',
        units: [
          {
            pattern: 'Hemtjänst {place}',
            managerTitle: 'Enhetschef',
            titles: ['Undersköterska', 'Vårdbiträde'],
            min: 2,
          },
          {
            pattern: 'Särskilt boende {place}',
            managerTitle: 'Enhetschef',
            titles: ['Undersköterska', 'Sjuksköterska', 'Vårdbiträde'],
            min: 1,
          },
        ],
      },
      {
        name: 'Funktionsstöd',
        units: [
          {
            pattern: 'Gruppbostad {place}',
            managerTitle: 'Enhetschef',
            titles: ['Stödassistent', 'Boendestödjare'],
            min: 1,
          },
          {
            pattern: 'Daglig verksamhet {place}',
            managerTitle: 'Enhetschef',
            titles: ['Arbetshandledare'],
            min: 1,
          },
        ],
      },
    ],
  },
  {
    code: 'BUK',
    name: 'Barn- och utbildningskontoret',
    weight: 0.5,
    departments: [
      {
        name: 'Förskolan',
        units: [
          {
            pattern: 'Förskolan {preschool}',
            managerTitle: 'Förskolechef',
            titles: ['Förskollärare', 'Barnskötare'],
            min: 2,
          },
        ],
      },
      {
        name: 'Grundskolan',
        units: [
          {
            pattern: '{place}skolan',
            managerTitle: 'Rektor',
            titles: ['Lärare', 'Lärare', 'Elevassistent', 'Fritidspedagog'],
            min: 2,
          },
        ],
      },
      {
        name: 'Gymnasiet',
        units: [
          {
            pattern: '{place}gymnasiet',
            managerTitle: 'Rektor',
            titles: ['Gymnasielärare', 'Studie- och yrkesvägledare'],
            min: 1,
          },
        ],
      },
      {
        name: 'Elevhälsan',
        units: [
          {
            pattern: 'Elevhälsan {place}',
            managerTitle: 'Enhetschef',
            titles: ['Skolsköterska', 'Kurator', 'Skolpsykolog'],
            min: 1,
          },
        ],
      },
    ],
  },
];

const COMMITTEES = [
  { code: 'BUN', name: 'Barn- och utbildningsnämnden', office: 'BUK' },
  { code: 'SN', name: 'Socialnämnden', office: 'SOC' },
  { code: 'KFN', name: 'Kultur- och fritidsnämnden', office: 'KFK' },
  { code: 'BMN', name: 'Bygg- och miljönämnden', office: 'BMK' },
];

/** Roughly one unit manager per this many employees (Swedish municipalities: ~20-25). */
const STAFF_PER_UNIT = 22;
const MUNICIPALITY_DOMAIN = 'alvsala.se';

export const DEMO_PASSWORD = 'Tryggve-demo-2026';

/** Swedish terms of office: councils from 15 October of election years (2022, 2026, …),
 *  boards and committees the calendar years after. */
export function termsAround(referenceDate: string) {
  const year = Number(referenceDate.slice(0, 4));
  let election = 2022 + Math.floor((year - 2022) / 4) * 4;
  if (referenceDate < `${election}-10-15`) election -= 4;
  const council = { start: `${election}-10-15`, end: `${election + 4}-10-14` };
  let committeeYear = election + 1;
  if (referenceDate < `${committeeYear}-01-01`) committeeYear -= 4;
  const committee = { start: `${committeeYear}-01-01`, end: `${committeeYear + 3}-12-31` };
  return { council, committee };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '');
}

export function generateDemo(options: DemoOptions): DemoMunicipality {
  const random = createRandom(options.seed);
  const units: DemoUnit[] = [];
  const people: DemoPerson[] = [];
  const employments: DemoEmployment[] = [];
  const usedEmails = new Set<string>();
  const usedNames = new Set<string>();

  function newPerson(kind: 'employee' | 'official'): DemoPerson {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const base = `${slug(firstName)}.${slug(lastName)}`;
    let email = `${base}@${MUNICIPALITY_DOMAIN}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${base}${n}@${MUNICIPALITY_DOMAIN}`;
    usedEmails.add(email);
    const key = people.length;
    const person: DemoPerson = {
      key,
      employeeNumber: kind === 'employee' ? String(100_001 + key) : null,
      officialNumber: kind === 'official' ? `F${String(key).padStart(6, '0')}` : null,
      firstName,
      lastName,
      email,
    };
    people.push(person);
    return person;
  }

  function employ(person: DemoPerson, unitCode: string, title: string, isManager: boolean) {
    const leaver = !isManager && random.chance(0.015);
    const daysAgo = random.int(30, 25 * 365);
    const startDate = addDays(options.referenceDate, -daysAgo);
    const form = isManager
      ? 'tillsvidare'
      : random.chance(0.12)
        ? 'visstid'
        : random.chance(0.05)
          ? 'timanställd'
          : 'tillsvidare';
    employments.push({
      personKey: person.key,
      unitCode,
      title,
      isManager,
      employmentForm: form,
      startDate,
      endDate: leaver
        ? addDays(options.referenceDate, -random.int(1, Math.min(300, daysAgo - 1)))
        : null,
    });
  }

  function uniqueName(pattern: string): string {
    for (let attempt = 0; attempt < 200; attempt++) {
      const name = pattern
        .replace('{place}', random.pick(PLACES))
        .replace('{preschool}', random.pick(PRESCHOOL_NAMES));
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
    for (let n = 2; ; n++) {
      const name = `${pattern.replace('{place}', PLACES[0] ?? '').replace('{preschool}', PRESCHOOL_NAMES[0] ?? '')} ${n}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  }

  units.push({ code: 'KOMMUN', name: 'Älvsala kommun', kind: 'municipality', parentCode: null });
  employ(newPerson('employee'), 'KOMMUN', 'Kommundirektör', true);

  const unitCount = Math.max(30, Math.round(options.employees / STAFF_PER_UNIT));
  /** Leaf units with the titles their staff hold, per office. */
  const leavesByOffice = new Map<string, { code: string; titles: string[] }[]>();

  for (const office of OFFICES) {
    units.push({ code: office.code, name: office.name, kind: 'office', parentCode: 'KOMMUN' });
    employ(newPerson('employee'), office.code, 'Förvaltningschef', true);
    const templates = office.departments.flatMap((dep, d) => dep.units.map((t) => ({ dep: d, t })));
    const wanted = Math.max(
      templates.reduce((sum, { t }) => sum + t.min, 0),
      Math.round(unitCount * office.weight),
    );
    const perTemplate = templates.map(({ t }) => t.min);
    for (let i = perTemplate.reduce((a, b) => a + b, 0), k = 0; i < wanted; i++, k++) {
      const index = k % templates.length;
      perTemplate[index] =
        (perTemplate[index] ?? 0) + (templates[index]?.t.pattern.includes('{') ? 1 : 0);
    }
    const leaves: { code: string; titles: string[] }[] = [];
    office.departments.forEach((dep, d) => {
      const depCode = `${office.code}-${String(d + 1).padStart(2, '0')}`;
      units.push({ code: depCode, name: dep.name, kind: 'department', parentCode: office.code });
      employ(newPerson('employee'), depCode, 'Avdelningschef', true);
      let n = 0;
      templates.forEach(({ dep: owner, t }, index) => {
        if (owner !== d) return;
        for (let c = 0; c < (perTemplate[index] ?? 0); c++) {
          const code = `${depCode}-${String(++n).padStart(3, '0')}`;
          units.push({ code, name: uniqueName(t.pattern), kind: 'unit', parentCode: depCode });
          employ(newPerson('employee'), code, t.managerTitle, true);
          leaves.push({ code, titles: t.titles });
        }
      });
    });
    leavesByOffice.set(office.code, leaves);
  }

  const staff = Math.max(0, options.employees - people.length);
  let assigned = 0;
  for (const [index, office] of OFFICES.entries()) {
    const leaves = leavesByOffice.get(office.code) ?? [];
    const last = index === OFFICES.length - 1;
    const officeStaff = last ? staff - assigned : Math.round(staff * office.weight);
    assigned += officeStaff;
    for (let i = 0; i < officeStaff; i++) {
      const leaf = leaves[random.int(0, leaves.length - 1)];
      if (!leaf) break;
      employ(newPerson('employee'), leaf.code, random.pick(leaf.titles), false);
    }
  }

  const { bodies, seats } = politicalBodies(random, options.referenceDate, newPerson, people);
  const logins = demoLogins(units, people, employments, seats);
  return {
    tenant: { code: 'demo', name: 'Älvsala kommun' },
    units,
    bodies,
    people,
    employments,
    seats,
    logins,
  };
}

function politicalBodies(
  random: Random,
  referenceDate: string,
  newPerson: (kind: 'official') => DemoPerson,
  people: DemoPerson[],
) {
  const terms = termsAround(referenceDate);
  const bodies: DemoBody[] = [
    { code: 'KF', name: 'Kommunfullmäktige', kind: 'council', officeCodes: [] },
    { code: 'KS', name: 'Kommunstyrelsen', kind: 'board', officeCodes: ['KSK'] },
    ...COMMITTEES.map((c) => ({
      code: c.code,
      name: c.name,
      kind: 'committee' as const,
      officeCodes: [c.office],
    })),
  ];
  const seats: DemoSeat[] = [];
  const seat = (
    person: DemoPerson,
    bodyCode: string,
    role: DemoSeat['role'],
    term: { start: string; end: string },
  ) =>
    seats.push({ personKey: person.key, bodyCode, role, termStart: term.start, termEnd: term.end });

  const councillors = Array.from({ length: 51 }, () => newPerson('official'));
  councillors.forEach((person, i) =>
    seat(person, 'KF', i === 0 ? 'chair' : i === 1 ? 'vice_chair' : 'member', terms.council),
  );
  const councilSubstitutes = Array.from({ length: 26 }, () => newPerson('official'));
  for (const person of councilSubstitutes) seat(person, 'KF', 'substitute', terms.council);

  councillors
    .slice(2, 15)
    .forEach((person, i) =>
      seat(person, 'KS', i === 0 ? 'chair' : i === 1 ? 'vice_chair' : 'member', terms.committee),
    );
  councillors.slice(15, 24).forEach((person) => seat(person, 'KS', 'substitute', terms.committee));

  // A few employees also sit on a committee (not the one over their own office).
  const employeesOnCommittees = people.filter((p) => p.employeeNumber !== null).slice(-3);
  let pool = [...councillors.slice(24), ...councilSubstitutes];
  for (const [index, committee] of COMMITTEES.entries()) {
    for (let i = 0; i < 18; i++) {
      const reuse = pool.length > 0 && random.chance(0.5);
      const person =
        i === 17 && employeesOnCommittees[index]
          ? employeesOnCommittees[index]
          : reuse
            ? (pool.shift() as DemoPerson)
            : newPerson('official');
      if (person.officialNumber === null)
        person.officialNumber = `F${String(person.key).padStart(6, '0')}`;
      const role = i === 0 ? 'chair' : i === 1 ? 'vice_chair' : i < 9 ? 'member' : 'substitute';
      seat(person, committee.code, role, terms.committee);
    }
    pool = pool.filter(() => random.chance(0.9));
  }
  return { bodies, seats };
}

function demoLogins(
  units: DemoUnit[],
  people: DemoPerson[],
  employments: DemoEmployment[],
  seats: DemoSeat[],
): DemoLogin[] {
  const name = (key: number) => {
    const person = people[key];
    return person ? `${person.firstName} ${person.lastName}` : 'Demo';
  };
  // Each login is a different person (one person, one account), even in a small demo where
  // the unit asked for is missing and another current employee stands in.
  const taken = new Set<number>();
  const firstIn = (unitCode: string, isManager: boolean, title?: string) => {
    const free = (e: DemoEmployment) => e.endDate === null && !taken.has(e.personKey);
    const key = (
      employments.find(
        (e) =>
          free(e) &&
          e.unitCode === unitCode &&
          e.isManager === isManager &&
          (!title || e.title === title),
      ) ??
      employments.find((e) => free(e) && e.isManager === isManager) ??
      employments.find(free)
    )?.personKey;
    if (key === undefined) throw new Error('the demo has too few employees for its logins');
    taken.add(key);
    return key;
  };
  const library = units.find((u) => u.name.startsWith('Biblioteket '))?.code ?? 'KOMMUN';
  const hr = units.find((u) => u.name === 'HR-enheten')?.code ?? 'KOMMUN';
  const security = units.find((u) => u.name === 'Säkerhet och beredskap')?.code ?? 'KOMMUN';
  const culture =
    seats.find(
      (s) =>
        s.bodyCode === 'KFN' && s.role === 'member' && people[s.personKey]?.employeeNumber === null,
    )?.personKey ?? 0;

  const login = (
    username: string,
    role: Role,
    personKey: number | null,
    scope: { unit?: string; body?: string } = {},
    displayName?: string,
  ): DemoLogin => ({
    username,
    role,
    personKey,
    displayName: displayName ?? (personKey === null ? username : name(personKey)),
    scopeUnitCode: scope.unit ?? null,
    scopeBodyCode: scope.body ?? null,
  });
  return [
    login('admin', 'administrator', null, {}, 'Systemadministratör'),
    login('strateg', 'programme_owner', firstIn(hr, false)),
    login(
      'utbildare',
      'trainer',
      firstIn(units.find((u) => u.parentCode === 'SOC-01')?.code ?? 'SOC', false),
      { unit: 'SOC' },
    ),
    login('chef', 'manager', firstIn(library, true), { unit: library }),
    login('anstalld', 'employee', firstIn(library, false)),
    login('fortroendevald', 'elected_official', culture, { body: 'KFN' }),
    login('sakerhet', 'security_coordinator', firstIn(security, false)),
    login(
      'skyddsombud',
      'safety_representative',
      firstIn(units.find((u) => u.parentCode === 'BUK-02')?.code ?? 'BUK', false),
      { unit: 'BUK' },
    ),
  ];
}
