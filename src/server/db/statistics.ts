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
  'assignment_standing',
] as const;

export type BulkTable = (typeof BULK_TABLES)[number];

/** How many rows of each bulk table a change created, changed or ended. */
export type ChangedRows = Partial<Record<Exclude<BulkTable, 'assignment_standing'>, number>>;

/**
 * The maintained standing (migration 0008) is rewritten by triggers for the people a change
 * touched: it changes about as many rows as its sources did, and is judged by their sum.
 */
const STANDING_SOURCES = ['people', 'employments', 'seats', 'assignments', 'completions'] as const;

/**
 * PostgreSQL autovacuum's default rule: a table's statistics are stale once more than 50 rows
 * plus 10 % of the rows the planner knows of have changed; a table never analysed (the planner
 * knows -1 rows) is stale as soon as anything changed.
 */
export function statisticsStale(changedRows: number, plannerRows: number): boolean {
  if (changedRows <= 0) return false;
  return plannerRows < 0 || changedRows > 50 + 0.1 * plannerRows;
}

/**
 * Refreshes the planner's statistics after a bulk change: every bulk table, or with `changed`
 * only those whose statistics that change made stale. PostgreSQL's autovacuum would get there
 * eventually; the embedded PGlite has no autovacuum at all, and without statistics the planner
 * takes every table for empty and the dashboards' set-wise queries crawl. Analysing costs about
 * 0.8 s at 56,000 employees on PGlite, so a daily import that moves a few per cent skips it.
 */
export async function refreshStatistics(db: Db, changed?: ChangedRows) {
  let tables: readonly BulkTable[] = BULK_TABLES;
  if (changed) {
    const counts: Partial<Record<BulkTable, number>> = {
      ...changed,
      assignment_standing: STANDING_SOURCES.reduce((sum, table) => sum + (changed[table] ?? 0), 0),
    };
    const touched = BULK_TABLES.filter((table) => (counts[table] ?? 0) > 0);
    if (touched.length === 0) return;
    const known = await sql<{ name: BulkTable; rows: number }>`
      SELECT t.name, c.reltuples::float8 AS rows
      FROM unnest(${sql.val(touched)}::text[]) AS t(name)
      JOIN pg_class c ON c.oid = to_regclass(t.name)
    `.execute(db);
    tables = known.rows
      .filter((row) => statisticsStale(counts[row.name] ?? 0, row.rows))
      .map((row) => row.name);
  }
  if (tables.length === 0) return;
  await sql`ANALYZE ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db);
}
