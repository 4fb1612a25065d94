/**
 * Values computed from a tenant's data (dashboards, a person's training), kept per app instance
 * and trusted only while the tenant's data version — moved by database triggers on every change
 * they depend on — is the one they were computed at. Many readers cost one computation; any
 * change is seen at once, by every instance. Least recently used entries go first when the
 * capacity (a count, or a weight such as bytes) is reached, so memory stays bounded however many
 * municipalities and people an instance serves.
 */
export function createVersionedCache<T>(options: {
  /** The most it may hold, in the units of `weigh` (by default: entries). */
  capacity: number;
  weigh?: (value: T) => number;
}) {
  const weigh = options.weigh ?? (() => 1);
  const entries = new Map<string, { version: number; value: T; weight: number }>();
  const inFlight = new Map<string, Promise<T>>();
  let total = 0;

  function get(key: string, version: number): T | null {
    const entry = entries.get(key);
    if (!entry || entry.version !== version) return null;
    entries.delete(key);
    entries.set(key, entry);
    return entry.value;
  }

  function remove(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    total -= entry.weight;
    entries.delete(key);
  }

  function set(key: string, version: number, value: T) {
    remove(key);
    const weight = weigh(value);
    entries.set(key, { version, value, weight });
    total += weight;
    // The newest stays even when it alone is over the capacity: it was just asked for.
    while (total > options.capacity && entries.size > 1) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      remove(oldest);
    }
  }

  return {
    /**
     * The cached value, or one computation shared by every reader asking for the same key and
     * version meanwhile: after a change, a hundred readers of one dashboard compute it once,
     * not a hundred times at once. A failed computation is not kept.
     */
    async getOrCompute(key: string, version: number, compute: () => Promise<T>): Promise<T> {
      const cached = get(key, version);
      if (cached !== null) return cached;
      const flightKey = `${key}@${String(version)}`;
      const running = inFlight.get(flightKey);
      if (running) return running;
      const computing = compute().then((value) => {
        set(key, version, value);
        return value;
      });
      inFlight.set(flightKey, computing);
      try {
        return await computing;
      } finally {
        inFlight.delete(flightKey);
      }
    },
  };
}

export type VersionedCache<T> = ReturnType<typeof createVersionedCache<T>>;

/** A computed value and its JSON as UTF-8, serialised and encoded once for every reader. */
export interface Cached<T> {
  value: T;
  json: Buffer;
}
