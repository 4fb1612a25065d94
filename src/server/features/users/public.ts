/** What other features use of accounts: creating one (the demo seed). */
export { createUser, type NewUser } from './service.ts';
