/** What other features use of municipalities: creating and resolving them. */
export { createTenant, listTenants, resolveTenant, type Tenant } from './service.ts';
