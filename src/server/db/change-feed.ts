import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The channel migration 0005's triggers notify, with the tenant whose session facts changed. */
export const CHANGES_CHANNEL = 'tryggve_changes';

const PROBE = 'probe:';
/** How long a probe may take to come back before the follower counts as broken. */
const PROBE_TIMEOUT_MS = 5_000;
/** Waits before reconnecting a lost follower: quickly at first, then every 30 s. */
const RETRY_MS = [1_000, 5_000, 30_000] as const;

/** Statements that change no data; anything else (and any multi-statement script) may. */
const READS = /^\s*(select|show|begin|commit|rollback|savepoint|release)\b(?![^;]*;\s*\S)/i;
const BEGINS_TRANSACTION = /^\s*begin\b/i;
const ENDS_TRANSACTION = /^\s*(commit|rollback)\s*;?\s*$/i;

/**
 * Put in front of a write whose only effect the kept reads update themselves (a session's
 * last_seen_at, which the auth service moves in the session it keeps), and of the job queue's own
 * statements (its `pgboss` tables hold nothing a kept read shows): it is not reported, so it does
 * not drop everything kept. Used for nothing else.
 */
export const UNREPORTED = '/* unreported */';

/**
 * Writes to tables no kept read depends on — the notifications' outbox and mails, people's
 * notification choices, the schedules' runs (no trigger moves a data version for them, and no
 * session fact is in them) — so the jobs that write all day leave what is kept alone.
 */
const UNKEPT =
  /^\s*(?:insert\s+into|update|delete\s+from)\s+"?(?:notifications|notification_choices|mail_messages|schedule_runs)"?[\s(](?![^;]*;\s*\S)/i;

export const mayWrite = (statement: string) =>
  !statement.startsWith(UNREPORTED) && !READS.test(statement) && !UNKEPT.test(statement);

/**
 * What this process knows about changes to the data, for reads kept in memory until it changes
 * (`untilChangeCache`). Two sources: every statement this process runs that may write (so its own
 * writes are seen at once — a user always reads what they just did), and on PostgreSQL the
 * notifications migration 0005's triggers send after other instances commit a change to sessions,
 * users, grants or a tenant's data version (delivered within milliseconds of the commit).
 */
export class ChangeFeed {
  #counter = 0;
  #resetAt = 0;
  #anyChangedAt = 0;
  readonly #changedAt = new Map<string, number>();
  readonly #follower: Follower | null;

  /** Without a database URL, every write is made by this process (PGlite). */
  constructor(follow?: { url: string; pool: pg.Pool }) {
    this.#follower = follow ? new Follower(follow.url, follow.pool, this) : null;
  }

  /** This process ran a statement that may have changed anything: nothing known before holds. */
  wrote(): void {
    this.#resetAt = ++this.#counter;
  }

  /** Another instance changed one tenant's session facts. */
  changed(tenantId: string): void {
    this.#anyChangedAt = ++this.#counter;
    this.#changedAt.set(tenantId, this.#counter);
  }

  /**
   * A point to compare later changes with, or null while changes cannot be followed (the
   * follower is connecting or lost): then nothing may be kept.
   */
  mark(): number | null {
    if (!this.#follower) return this.#counter;
    return this.#follower.live() ? this.#counter : null;
  }

  /** Whether the tenant's facts (without one: any tenant's) may have changed since `mark`. */
  changedSince(mark: number, tenantId?: string): boolean {
    if (this.#resetAt > mark) return true;
    if (tenantId === undefined) return this.#anyChangedAt > mark;
    return (this.#changedAt.get(tenantId) ?? 0) > mark;
  }

  /**
   * Resolves once every change committed before the call has been seen here; rejects when that
   * cannot be shown within 5 s (the follower is lost).
   */
  settled(): Promise<void> {
    return this.#follower?.settled() ?? Promise.resolve();
  }

  close(): Promise<void> {
    return this.#follower?.close() ?? Promise.resolve();
  }
}

/**
 * One connection of its own that LISTENs for other instances' changes. It counts as live only
 * once a probe sent through the pool has come back on it, so a proxy that would swallow
 * notifications (PgBouncer in transaction mode) leaves caching off instead of stale. Started on
 * first use; when lost, everything known is dropped and it reconnects.
 */
class Follower {
  #client: pg.Client | null = null;
  #live = false;
  #started = false;
  #closed = false;
  #attempt = 0;
  #retry: NodeJS.Timeout | undefined;
  readonly #probes = new Map<string, () => void>();

  constructor(
    readonly url: string,
    readonly pool: pg.Pool,
    readonly feed: ChangeFeed,
  ) {}

  live(): boolean {
    if (!this.#started) {
      this.#started = true;
      void this.#connect();
    }
    return this.#live;
  }

  async #connect() {
    if (this.#closed) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    this.#client = client;
    client.on('notification', ({ payload = '' }) => {
      if (payload.startsWith(PROBE)) this.#probes.get(payload)?.();
      else this.feed.changed(payload);
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      await this.settled();
      if (this.#client !== client) return;
      // Whatever was read before now was read without anyone listening.
      this.feed.wrote();
      this.#live = true;
      this.#attempt = 0;
    } catch (error) {
      this.#lost(client, error);
    }
  }

  #lost(client: pg.Client, error?: unknown) {
    if (this.#client !== client) return;
    this.#client = null;
    this.#live = false;
    this.feed.wrote();
    client.end().catch(() => undefined);
    if (this.#closed) return;
    const delay = RETRY_MS[Math.min(this.#attempt++, RETRY_MS.length - 1)] ?? 30_000;
    const reason = error instanceof Error ? error.message : 'connection ended';
    console.error(
      `change notifications unavailable (${reason}); sessions are read from the database on every request until reconnected, retrying in ${delay / 1000} s`,
    );
    this.#retry = setTimeout(() => void this.#connect(), delay);
    this.#retry.unref();
  }

  /**
   * Sends a probe through the pool and waits for it here. Notifications arrive in commit order,
   * so once it has, every change committed before it has arrived too.
   */
  async settled(): Promise<void> {
    const payload = `${PROBE}${randomBytes(8).toString('hex')}`;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<void>((resolve, reject) => {
      this.#probes.set(payload, resolve);
      timer = setTimeout(
        () => reject(new Error(`no notification came back within ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.all([
        this.pool.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, payload]),
        arrived,
      ]);
    } finally {
      clearTimeout(timer);
      this.#probes.delete(payload);
    }
  }

  async close() {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    this.#live = false;
    await client?.end().catch(() => undefined);
  }
}

/**
 * Presents a `pg.Pool` to Kysely with every statement that may have written reported to `wrote`
 * once it has finished — and a transaction's COMMIT or ROLLBACK too, when it wrote, since only
 * then do its changes show (or vanish) for other connections.
 */
export function reportingWrites(pool: pg.Pool, wrote: () => void) {
  const clients = new WeakMap<pg.PoolClient, ReturnType<typeof reporting>>();
  function reporting(client: pg.PoolClient) {
    let transactionWrote = false;
    return {
      async query(statement: string, parameters: readonly unknown[]) {
        const write = mayWrite(statement);
        const ends = ENDS_TRANSACTION.test(statement);
        if (BEGINS_TRANSACTION.test(statement)) transactionWrote = false;
        try {
          return await client.query(statement, parameters as unknown[]);
        } finally {
          if (write || (ends && transactionWrote)) wrote();
          transactionWrote = !ends && (transactionWrote || write);
        }
      },
      release: () => client.release(),
    };
  }
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) clients.set(client, (wrapped = reporting(client)));
      return wrapped;
    },
    end: () => pool.end(),
  };
}
