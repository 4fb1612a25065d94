import { changeFeed, type Db } from './connection.ts';

/**
 * Remembers reads until the data they came from may have changed, as the database's change
 * feed tells: on PGlite any write (this process makes them all); on PostgreSQL any write by this
 * process, and the changes other instances make to sessions, users, grants and data versions
 * (migration 0005 notifies those, per tenant, after commit; `tenantOf` names an entry's tenant
 * so other tenants' changes leave it). Only for reads that depend on nothing else, and not on the
 * clock. While the feed cannot follow changes, every read goes to the database. A missing
 * result (undefined) is not remembered.
 */
export function untilChangeCache<Value>(
  db: Db,
  maxEntries: number,
  tenantOf: (value: Value) => string | undefined = () => undefined,
) {
  const feed = changeFeed(db);
  const entries = new Map<string, { value: Value; mark: number }>();
  const holds = (mark: number, value: Value) => !feed?.changedSince(mark, tenantOf(value));
  return {
    async get(key: string, read: () => Promise<Value | undefined>): Promise<Value | undefined> {
      const before = feed?.mark() ?? null;
      if (before === null) return read();
      const known = entries.get(key);
      if (known && holds(known.mark, known.value)) return known.value;
      entries.delete(key);
      const value = await read();
      // Kept only if nothing it depends on changed while it was read.
      if (value !== undefined && holds(before, value)) {
        if (entries.size >= maxEntries) entries.clear();
        entries.set(key, { value, mark: before });
      }
      return value;
    },
    forget(key: string): void {
      entries.delete(key);
    },
  };
}
