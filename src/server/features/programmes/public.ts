/**
 * What other features may use of programmes (the sessions feature): lookups, the owner check
 * and completions from attendance. Nothing else of this folder is imported from outside it.
 */
export { findProgramme, programmeCourses, unitPaths } from './repository.ts';
export {
  curriculumDetails,
  findCourse,
  isProgrammeOwner,
  openAssignmentsOf,
  ownedProgrammeIds,
  personOfUser,
  unitPathsOfPeople,
} from './completions-repository.ts';
export { recordSessionCompletion, voidCompletion } from './completions.ts';
export type { ProgrammeService } from './service.ts';
