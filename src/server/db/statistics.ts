import { sql } from 'kysely';
import type { Db } from './connection.ts';

/** The tables whose size changes in bulk (seeding, imports, programme changes). */
const BULK_TABLES = [
  'org_units',
  'people',
  'employments',
  'seats',
  'assignments',
  'completions',
] as const;

/**
 * Refreshes the planner's statistics after a bulk change. PostgreSQL's autovacuum would get
 * there eventually; the embedded PGlite has no autovacuum at all, and without statistics the
 * planner takes every table for empty and the dashboards' set-wise queries crawl.
 */
export async function refreshStatistics(db: Db) {
  await sql`ANALYZE ${sql.join(BULK_TABLES.map((table) => sql.table(table)))}`.execute(db);
}
