import type { ProgrammeProgress } from '../../../contracts/programmes.ts';

/** A computed dashboard and its JSON, serialised once for every reader. */
export interface CachedProgress {
  value: ProgrammeProgress;
  json: string;
}

/**
 * Computed dashboards, kept per app instance and trusted only while the tenant's data version
 * (moved by database triggers on every change that figures depend on) is the one they were
 * computed at. Many readers of one dashboard cost one computation; any change is seen at once,
 * by every instance. Least recently used entries go first.
 */
export function createProgressCache(capacity = 200) {
  const entries = new Map<string, { version: number; value: CachedProgress }>();
  return {
    get(key: string, version: number): CachedProgress | null {
      const entry = entries.get(key);
      if (!entry || entry.version !== version) return null;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key: string, version: number, value: CachedProgress) {
      entries.delete(key);
      entries.set(key, { version, value });
      while (entries.size > capacity) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
  };
}

export type ProgressCache = ReturnType<typeof createProgressCache>;
