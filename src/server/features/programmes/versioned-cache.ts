/**
 * Values computed from a tenant's data (dashboards, a person's training), kept per app instance
 * and trusted only while the tenant's data version — moved by database triggers on every change
 * they depend on — is the one they were computed at. Many readers cost one computation; any
 * change is seen at once, by every instance. Least recently used entries go first.
 */
export function createVersionedCache<T>(capacity = 200) {
  const entries = new Map<string, { version: number; value: T }>();
  return {
    get(key: string, version: number): T | null {
      const entry = entries.get(key);
      if (!entry || entry.version !== version) return null;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key: string, version: number, value: T) {
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

export type VersionedCache<T> = ReturnType<typeof createVersionedCache<T>>;

/** A computed value and its JSON, serialised once for every reader. */
export interface Cached<T> {
  value: T;
  json: string;
}
