/**
 * What other features may use of programmes: lookups and completions from attendance (sessions),
 * the assignment sync that follows every change of the organisation (imports, hand edits), and
 * applying a programme file (the demo). A lint rule refuses imports of anything else of this
 * folder from outside it.
 */
export { findProgramme, peopleFacts, programmeCourses, unitPaths } from './repository.ts';
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
export { applyProgrammeFile } from './apply.ts';
export {
  assignmentChanges,
  forgetAssignmentsOf,
  syncAssignments,
  type SyncCounts,
} from './sync.ts';
export type { ProgrammeService } from './service.ts';
