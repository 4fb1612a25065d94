import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir-lock.ts';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  PostgresDialect,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
} from 'kysely';
import pg from 'pg';
import { ChangeFeed, reportingWrites } from './change-feed.ts';
import { pglitePool } from './pglite-pool.ts';
import type { Database } from './schema.ts';
import type { Tx } from './transaction.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Human-readable location for logs, without credentials. */
  location: string;
  close(): Promise<void>;
}

export type DatabaseTarget = { databaseUrl: string } | { dataDir: string } | { pglite: PGlite };

const DATE_OID = 1082;
const INT8_OID = 20;
const keepText = (value: string) => value;
const toNumber = (value: string) => Number(value);

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ('databaseUrl' in target) {
    const pool = new pg.Pool({
      connectionString: target.databaseUrl,
      max: Number(process.env.TRYGGVE_DB_POOL_SIZE ?? 10),
      // JIT compiling a dashboard query costs more (0.7 s measured) than running it; Tryggve's
      // queries are short and frequent, never the long analytics JIT pays off for.
      options: '-c jit=off',
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === DATE_OID) return keepText;
          if (oid === INT8_OID) return toNumber;
          return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection that the server drops (a restart, a failover) must not take the process
    // down: the pool replaces it on the next query.
    pool.on('error', (error) => {
      console.error(`database connection lost: ${error.message}`);
    });
    const changes = new ChangeFeed({ url: target.databaseUrl, pool });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: reportingWrites(pool, () => changes.wrote()) as unknown as pg.Pool,
      }),
      plugins: [new Marks(changes, false)],
    });
    return {
      db,
      kind: 'postgres',
      location: redactUrl(target.databaseUrl),
      close: async () => {
        await changes.close();
        await db.destroy();
      },
    };
  }
  let release = () => {};
  if ('dataDir' in target) {
    mkdirSync(target.dataDir, { recursive: true });
    release = lockDataDir(target.dataDir);
  }
  const pglite =
    'pglite' in target
      ? target.pglite
      : await createPglite(target.dataDir).catch((error: unknown) => {
          release();
          throw error;
        });
  const changes = new ChangeFeed();
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: pglitePool(pglite, () => changes.wrote()) as unknown as pg.Pool,
    }),
    plugins: [new Marks(changes, true)],
  });
  const location = 'dataDir' in target ? target.dataDir : 'memory';
  return {
    db,
    kind: 'pglite',
    location,
    close: async () => {
      await db.destroy();
      release();
    },
  };
}

/**
 * Carries what the rest of the server asks of its database besides queries — which kind it is,
 * its feed of changes and the job queue started on it — on the Kysely instance itself, so its
 * transactions inherit them with its plugins. Changes no query.
 */
class Marks implements KyselyPlugin {
  queue: JobQueue | null = null;
  constructor(
    readonly changes: ChangeFeed,
    readonly embedded: boolean,
  ) {}
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs) {
    return Promise.resolve(args.result);
  }
}

const marksOf = (db: Db | Tx) =>
  db.getExecutor().plugins.find((plugin): plugin is Marks => plugin instanceof Marks);

/** Whether this runs on PGlite (in this process) rather than on a PostgreSQL server. */
export function isEmbedded(db: Db | Tx): boolean {
  return marksOf(db)?.embedded === true;
}

/**
 * What the job queue offers the writers: a job enqueued in the caller's transaction (sent when it
 * commits, never when it rolls back).
 */
export interface JobQueue {
  enqueue(trx: Tx, queue: string, data?: Record<string, unknown>): Promise<void>;
}

/** The job queue started on this database in this process (null: none, as in the CLI). */
export function jobQueue(db: Db | Tx): JobQueue | null {
  return marksOf(db)?.queue ?? null;
}

/** Makes a started job queue known to the writers on this database (null when it stops). */
export function attachJobQueue(db: Db, queue: JobQueue | null): void {
  const marks = marksOf(db);
  if (!marks) throw new Error('not a database opened by openDatabase');
  marks.queue = queue;
}

/** What this process knows of changes to the data (null for a Kysely not opened here). */
export function changeFeed(db: Db): ChangeFeed | null {
  return marksOf(db)?.changes ?? null;
}

export async function createPglite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir, {
    parsers: { [DATE_OID]: keepText, [INT8_OID]: toNumber },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.username = '';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
