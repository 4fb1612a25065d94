/**
 * The closed lists of a programme file, without zod, so the web app can offer them as choices
 * without bundling the validator. `programmes.ts` builds its enums from these.
 */
export const TOPICS = [
  'violence_in_close_relationships',
  'lgbtq_inclusion',
  'threats_and_violence_at_work',
  'equality_and_anti_discrimination',
  'safety_of_elected_officials',
  'other',
] as const;
export const COURSE_KINDS = ['web_course', 'session', 'e_learning', 'drill'] as const;
export const EVIDENCE_KINDS = ['none', 'certificate', 'attestation'] as const;
export const APPROVERS = ['none', 'manager', 'trainer', 'programme_owner'] as const;
export const AUDIENCE_ROLES = [
  'employee',
  'manager',
  'elected_member',
  'elected_substitute',
] as const;
