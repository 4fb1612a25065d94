import { z } from 'zod';
import { BodyKind, SeatRole } from './org.ts';

const EditableKind = z.enum(['office', 'department', 'unit']);
const Text = z.string().trim().min(1).max(200);
const Day = z.iso.date();

export const CreateUnitRequest = z.strictObject({
  code: z.string().trim().min(1).max(60),
  name: Text,
  parentId: z.uuid(),
  kind: EditableKind,
});

export const UpdateUnitRequest = z.strictObject({
  name: Text.optional(),
  parentId: z.uuid().optional(),
  kind: EditableKind.optional(),
});

export const CloseUnitRequest = z.strictObject({ validTo: Day });

export const UpdatePersonRequest = z.strictObject({
  firstName: Text.optional(),
  lastName: Text.optional(),
  email: z.email().max(200).nullable().optional(),
});

export const AddEmploymentRequest = z.strictObject({
  unitId: z.uuid(),
  title: Text,
  isManager: z.boolean().default(false),
  employmentForm: z.string().trim().max(60).nullable().default(null),
  startDate: Day,
  endDate: Day.nullable().default(null),
});

export const AddSeatRequest = z.strictObject({
  bodyId: z.uuid(),
  role: SeatRole,
  termStart: Day,
  termEnd: Day.nullable().default(null),
});

export const EndRequest = z.strictObject({ endDate: Day });

export const Created = z.object({ id: z.string() });

export const CreateBodyRequest = z.strictObject({
  code: z.string().trim().min(1).max(60),
  name: Text,
  kind: BodyKind,
  /** The office(s) that serve the body. */
  officeIds: z.array(z.uuid()).max(20).default([]),
});
