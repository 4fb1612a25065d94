export const ROLES = [
  'administrator',
  'programme_owner',
  'trainer',
  'manager',
  'employee',
  'elected_official',
  'security_coordinator',
  'safety_representative',
] as const;

export type Role = (typeof ROLES)[number];
