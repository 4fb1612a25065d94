/** What other features may use of the organisation: finding people within a reach. */
export { searchPeople } from './repository.ts';
