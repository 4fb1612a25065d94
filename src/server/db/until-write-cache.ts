import { writeCounter, type Db } from './connection.ts';

/**
 * Remembers reads that stay true until the data changes — on the embedded database only, where
 * this process makes every write and can tell that none happened since (any statement that may
 * change data empties it). On PostgreSQL other instances write too, so every read goes to the
 * database. For reads that depend on the data alone, not on the clock (`now()`); a missing
 * result (undefined) is not remembered.
 */
export function untilWriteCache<Value>(db: Db, maxEntries: number) {
  const writes = writeCounter(db);
  const entries = new Map<string, Value>();
  let seenAt = -1;
  return async (key: string, read: () => Promise<Value | undefined>) => {
    if (!writes) return read();
    const before = writes();
    if (before !== seenAt) {
      entries.clear();
      seenAt = before;
    }
    const known = entries.get(key);
    if (known !== undefined) return known;
    const value = await read();
    // Kept only if nothing was written while it was read.
    if (value !== undefined && writes() === before) {
      if (entries.size >= maxEntries) entries.clear();
      entries.set(key, value);
    }
    return value;
  };
}
