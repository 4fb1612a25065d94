/** What other features use of accounts: creating one (the demo seed), accounts for the register (imports). */
export { createUser, type NewUser } from './service.ts';
export { accountsFromRegister } from './register.ts';
