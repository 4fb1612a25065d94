import { InvalidArgumentError } from 'commander';
import type { Locale } from '../contracts/auth.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import type { SeedResult } from '../server/features/demo/seed.ts';
import { cliLocale, say } from './language.ts';

const ROLE_LABELS: Record<Role, Record<Locale, string>> = {
  administrator: { sv: 'administratör', en: 'administrator' },
  programme_owner: { sv: 'programägare', en: 'programme owner' },
  trainer: { sv: 'utbildare', en: 'trainer' },
  manager: { sv: 'chef', en: 'manager' },
  employee: { sv: 'anställd', en: 'employee' },
  elected_official: { sv: 'förtroendevald', en: 'elected official' },
  security_coordinator: { sv: 'säkerhetssamordnare', en: 'security coordinator' },
  safety_representative: { sv: 'skyddsombud', en: 'safety representative' },
};

/** A role as the user's language names it. */
export const roleLabel = (role: Role, locale: Locale = cliLocale()) => ROLE_LABELS[role][locale];

/** "å, ä, ö" as "a, a, o", lower case: how a role may be typed on any keyboard. */
const plain = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_-]+/g, ' ')
    .trim();

/**
 * `--role`: the role's code (`programme_owner`) or its name in Swedish or English
 * (`programägare`, `programagare`, `programme owner`); "medarbetare" is an employee.
 */
export function parseRole(value: string): Role {
  const wanted = plain(value);
  const found = ROLES.find(
    (role) =>
      plain(role) === wanted ||
      plain(ROLE_LABELS[role].sv) === wanted ||
      plain(ROLE_LABELS[role].en) === wanted,
  );
  if (found) return found;
  if (wanted === 'medarbetare') return 'employee';
  throw new InvalidArgumentError(
    say('useOneOf', { list: ROLES.map((r) => roleLabel(r)).join(', ') }),
  );
}

export function printDemoSummary(result: SeedResult) {
  console.log(
    say('demoSummary', {
      code: result.tenantCode,
      units: result.units,
      employees: result.employees,
      officials: result.officials,
    }),
  );
}

export function printDemoLogins(result: Pick<SeedResult, 'password' | 'logins'>) {
  console.log(say('demoLogins', { password: result.password }));
  for (const login of result.logins) {
    console.log(
      `  ${login.username.padEnd(16)} ${roleLabel(login.role).padEnd(20)} ${login.displayName}`,
    );
  }
}
