/** Branded ids: a UnitId cannot be passed where a PersonId is expected. */
type Brand<T, B extends string> = T & { readonly __brand: B };

export type TenantId = Brand<string, 'TenantId'>;
export type UnitId = Brand<string, 'UnitId'>;
export type BodyId = Brand<string, 'BodyId'>;
export type PersonId = Brand<string, 'PersonId'>;
export type UserId = Brand<string, 'UserId'>;
