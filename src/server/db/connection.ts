import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  PostgresDialect,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
} from 'kysely';
import pg from 'pg';
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
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      location: redactUrl(target.databaseUrl),
      close: () => db.destroy(),
    };
  }
  const pglite = 'pglite' in target ? target.pglite : await createPglite(target.dataDir);
  const pool = pglitePool(pglite);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }),
    plugins: [new Embedded(pool.writes)],
  });
  const location = 'dataDir' in target ? target.dataDir : 'memory';
  return { db, kind: 'pglite', location, close: () => db.destroy() };
}

/**
 * Marks the embedded database's Kysely (its transactions inherit the mark with its plugins) and
 * carries its pool's count of statements that may have changed data. Changes no query.
 */
class Embedded implements KyselyPlugin {
  constructor(readonly writes: () => number) {}
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs) {
    return Promise.resolve(args.result);
  }
}

const embeddedOf = (db: Db | Tx) =>
  db.getExecutor().plugins.find((plugin): plugin is Embedded => plugin instanceof Embedded);

/** Whether this runs on PGlite (in this process) rather than on a PostgreSQL server. */
export function isEmbedded(db: Db | Tx): boolean {
  return embeddedOf(db) !== undefined;
}

/**
 * The embedded database's count of statements that may have changed data (one connection, one
 * process: nothing else writes to it); null on PostgreSQL, where other instances write too.
 */
export function writeCounter(db: Db): (() => number) | null {
  return embeddedOf(db)?.writes ?? null;
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
