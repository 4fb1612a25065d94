import type { TenantId } from '../src/domain/ids.ts';
import type { Db } from '../src/server/db/connection.ts';

export interface BenchOptions {
  employees: number;
  runs: number;
  warmup: number;
  /** Seconds each concurrency level runs for. */
  concurrencySeconds: number;
  connections: number[];
  seed: number;
  /** Scenario 6 on PostgreSQL (long at 290 municipalities: about a million people are seeded). */
  national: boolean;
  /** How many municipalities scenario 6 builds, the bench's own among them. */
  municipalities: number;
}

export interface BenchContext {
  db: Db;
  kind: 'pglite' | 'postgres';
  tenantId: TenantId;
  options: BenchOptions;
  /** The reference date of the data (the demo's "today"). */
  today: string;
}
