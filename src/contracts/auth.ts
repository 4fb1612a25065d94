import { z } from 'zod';
import { ROLES } from '../domain/roles.ts';

export const Locale = z.enum(['sv', 'en']);
export type Locale = z.infer<typeof Locale>;

export const LoginRequest = z.strictObject({
  tenant: z.string().trim().toLowerCase().min(1).max(40).optional(),
  username: z.string().trim().toLowerCase().min(1).max(200),
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginOptions = z.object({
  /** True when the deployment serves several municipalities and the login must name one. */
  tenantRequired: z.boolean(),
  tenants: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type LoginOptions = z.infer<typeof LoginOptions>;

export const GrantView = z.object({
  role: z.enum(ROLES),
  scopeUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  scopeBody: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const Me = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    locale: Locale,
  }),
  tenant: z.object({ code: z.string(), name: z.string() }),
  grants: z.array(GrantView),
  /**
   * What the caller may do at all, for menus and buttons (each object says more in its own
   * `can`); the web keeps no role lists of its own.
   */
  can: z.object({
    listProgrammes: z.boolean(),
    createProgrammes: z.boolean(),
    approveCompletions: z.boolean(),
    administer: z.boolean(),
    seePeople: z.boolean(),
  }),
});
export type Me = z.infer<typeof Me>;

export const LocaleRequest = z.strictObject({ locale: Locale });
