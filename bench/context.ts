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
  /** Scenario 6: 290 municipalities on PostgreSQL (long: about a million people are seeded). */
  national: boolean;
}

export interface BenchContext {
  db: Db;
  kind: 'pglite' | 'postgres';
  tenantId: TenantId;
  options: BenchOptions;
  /** The reference date of the data (the demo's "today"). */
  today: string;
}
