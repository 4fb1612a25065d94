import { z } from 'zod';

export const UnitKind = z.enum(['municipality', 'office', 'department', 'unit']);
export type UnitKind = z.infer<typeof UnitKind>;
export const BodyKind = z.enum(['council', 'board', 'committee']);
export type BodyKind = z.infer<typeof BodyKind>;
export const SeatRole = z.enum(['member', 'substitute', 'chair', 'vice_chair']);
export type SeatRole = z.infer<typeof SeatRole>;

export const UnitSummary = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  kind: UnitKind,
  /** Active employments directly in this unit (not in sub-units). */
  staffCount: z.number().int(),
});
export type UnitSummary = z.infer<typeof UnitSummary>;

export const BodySummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: BodyKind,
  members: z.number().int(),
  substitutes: z.number().int(),
  offices: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type BodySummary = z.infer<typeof BodySummary>;

export const OrganisationResponse = z.object({
  units: z.array(UnitSummary),
  bodies: z.array(BodySummary),
  /** May the caller add and change units and political bodies by hand? */
  can: z.object({ edit: z.boolean() }),
});
export type OrganisationResponse = z.infer<typeof OrganisationResponse>;

export const IdParams = z.strictObject({ id: z.uuid() });

export const PersonRef = z.object({ id: z.string(), name: z.string() });

export const UnitDetail = z.object({
  unit: UnitSummary,
  /** From the root down to the parent of this unit. */
  path: z.array(z.object({ id: z.string(), name: z.string(), kind: UnitKind })),
  children: z.array(UnitSummary),
  managers: z.array(PersonRef.extend({ title: z.string() })),
  /** What the caller may do here: list its people (GET …/people), read its history, edit it. */
  can: z.object({ readPeople: z.boolean(), readHistory: z.boolean(), edit: z.boolean() }),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

export const UnitPeople = z.object({
  people: z.array(
    PersonRef.extend({
      title: z.string(),
      email: z.string().nullable(),
      isManager: z.boolean(),
      startDate: z.string(),
      endDate: z.string().nullable(),
    }),
  ),
});
export type UnitPeople = z.infer<typeof UnitPeople>;

export const BodySeats = z.object({
  body: BodySummary,
  seats: z.array(
    PersonRef.extend({ role: SeatRole, termStart: z.string(), termEnd: z.string().nullable() }),
  ),
});
export type BodySeats = z.infer<typeof BodySeats>;

export const PersonDetail = z.object({
  person: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    employeeNumber: z.string().nullable(),
    officialNumber: z.string().nullable(),
  }),
  employments: z.array(
    z.object({
      id: z.string(),
      unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
      title: z.string(),
      isManager: z.boolean(),
      employmentForm: z.string().nullable(),
      startDate: z.string(),
      endDate: z.string().nullable(),
      active: z.boolean(),
    }),
  ),
  /** Party is never included: it is sensitive personal data. */
  seats: z.array(
    z.object({
      id: z.string(),
      body: z.object({ id: z.string(), code: z.string(), name: z.string() }),
      role: SeatRole,
      termStart: z.string(),
      termEnd: z.string().nullable(),
      active: z.boolean(),
    }),
  ),
  /** May the caller correct the person's details, employments and seats? */
  can: z.object({ edit: z.boolean() }),
});
export type PersonDetail = z.infer<typeof PersonDetail>;

export const UnitHistory = z.object({
  entries: z.array(
    z.object({
      at: z.string(),
      /** `import`: `source` is the file name; `manual`: an administrator's edit. */
      kind: z.enum(['import', 'manual']),
      source: z.string(),
      by: z.string(),
      label: z.string(),
      fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
      undone: z.boolean(),
    }),
  ),
});
export type UnitHistory = z.infer<typeof UnitHistory>;

export const PeopleSearchQuery = z.strictObject({
  /** A name (first and/or last, from the start), an employee or official number, an e-mail. */
  q: z.string().trim().min(2).max(100),
});

/** People the caller may see who match, with where they work and sit today. */
export const PeopleSearchResult = z.object({
  people: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      employeeNumber: z.string().nullable(),
      email: z.string().nullable(),
      places: z.array(z.string()),
    }),
  ),
  /** More match than are shown: type more of the name. */
  more: z.boolean(),
});
export type PeopleSearchResult = z.infer<typeof PeopleSearchResult>;
