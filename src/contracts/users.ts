import { z } from 'zod';
import { ROLES } from '../domain/roles.ts';
import { Locale } from './auth.ts';

const Role = z.enum(ROLES);
const Name = z.string().trim().min(1).max(200);
const Password = z.string().min(1).max(1000);

export const AccountStatus = z.enum(['active', 'disabled', 'no_password']);

export const AccountListQuery = z.strictObject({
  /** Part of the name or account name. */
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'disabled', 'all']).default('active'),
  role: Role.optional(),
});

export const GrantOut = z.object({
  id: z.string(),
  role: Role,
  scopeUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  scopeBody: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const AccountSummary = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  status: AccountStatus,
  person: z.object({ id: z.string(), name: z.string() }).nullable(),
  grants: z.array(GrantOut),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AccountList = z.object({
  accounts: z.array(AccountSummary),
  /** More match than are shown: narrow the search. */
  more: z.boolean(),
});
export type AccountList = z.infer<typeof AccountList>;

export const AccountEvent = z.object({
  at: z.string(),
  /** The audit action, e.g. `user.disable`. */
  action: z.string(),
  by: z.string().nullable(),
  /** What changed, for the actions that name it (never a password). */
  role: Role.nullable(),
  scope: z.string().nullable(),
  person: z.string().nullable(),
  /** A new name, or how many accounts or sessions the action concerned. */
  name: z.string().nullable(),
  count: z.number().nullable(),
});

export const AccountDetail = AccountSummary.extend({
  locale: Locale,
  createdAt: z.string(),
  lastSignIn: z.string().nullable(),
  activeSessions: z.number(),
  history: z.array(AccountEvent),
  can: z.object({
    /** False for one's own account and the last administrator, with the reason. */
    disable: z.boolean(),
    refusal: z.enum(['own_account', 'last_administrator']).nullable(),
  }),
});
export type AccountDetail = z.infer<typeof AccountDetail>;

const Scope = {
  scopeUnitId: z.uuid().nullable().default(null),
  scopeBodyId: z.uuid().nullable().default(null),
};

export const CreateAccountRequest = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(200),
  displayName: Name,
  /** Null: no local password (the account signs in by single sign-on, or gets one later). */
  password: Password.nullable(),
  role: Role,
  ...Scope,
  personId: z.uuid().nullable().default(null),
  locale: Locale.default('sv'),
});
export type CreateAccountRequest = z.infer<typeof CreateAccountRequest>;

export const UpdateAccountRequest = z.strictObject({
  displayName: Name.optional(),
  /** The person the account belongs to; null unlinks it. */
  personId: z.uuid().nullable().optional(),
  locale: Locale.optional(),
});

export const GrantRequest = z.strictObject({ role: Role, ...Scope });

export const PasswordRequest = z.strictObject({
  /** Omitted: the server makes one and answers it, once. */
  password: Password.optional(),
});

export const PasswordReset = z.object({
  /** The password made by the server (null when the administrator chose it). */
  password: z.string().nullable(),
  sessionsEnded: z.number(),
});
export type PasswordReset = z.infer<typeof PasswordReset>;

export const AccountParams = z.strictObject({ id: z.uuid() });
export const GrantParams = z.strictObject({ id: z.uuid(), grantId: z.uuid() });
export const AccountId = z.object({ id: z.string() });

export const FromPeopleQuery = z.strictObject({
  /** Only show what would be made. */
  dryRun: z.enum(['true', 'false']).default('true'),
});
export const FromPeopleRequest = z.strictObject({
  /** Only the people employed in this unit (with everything below it); null: everyone. */
  unitId: z.uuid().nullable().default(null),
});

export const SkipReason = z.enum([
  'no_email',
  'username_format',
  'username_taken',
  'email_shared',
  'not_active',
]);

export const FromPeoplePlan = z.object({
  applied: z.boolean(),
  create: z.number(),
  existing: z.number(),
  byRole: z.array(z.object({ role: Role, count: z.number() })),
  /** The first 50 accounts to be made. */
  sample: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      username: z.string(),
      roles: z.array(Role),
    }),
  ),
  skipped: z.number(),
  skippedByReason: z.array(z.object({ reason: SkipReason, count: z.number() })),
  /** The first 50 people skipped, with why. */
  skippedSample: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      reason: SkipReason,
    }),
  ),
});
export type FromPeoplePlan = z.infer<typeof FromPeoplePlan>;
