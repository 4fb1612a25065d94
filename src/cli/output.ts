import type { SeedResult } from '../server/features/demo/seed.ts';

const ROLE_LABELS: Record<string, string> = {
  administrator: 'administratör',
  programme_owner: 'programägare',
  trainer: 'utbildare',
  manager: 'chef',
  employee: 'anställd',
  elected_official: 'förtroendevald',
  security_coordinator: 'säkerhetssamordnare',
  safety_representative: 'skyddsombud',
};

export function printDemoSummary(result: SeedResult) {
  console.log(
    `Demo municipality "${result.tenantCode}": ${result.units} units, ${result.employees} employees, ${result.officials} elected officials.`,
  );
}

export function printDemoLogins(result: Pick<SeedResult, 'password' | 'logins'>) {
  console.log(`Demo logins (password for all: ${result.password}):`);
  for (const login of result.logins) {
    console.log(
      `  ${login.username.padEnd(16)} ${(ROLE_LABELS[login.role] ?? login.role).padEnd(20)} ${login.displayName}`,
    );
  }
}
