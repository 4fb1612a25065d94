import { sql } from 'kysely';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFixture, type AccessFixture, type ActorName } from './fixture.ts';
import { prepareRoutes, ROWS } from './routes.ts';

/**
 * Every write route with hostile bodies: valid requests with one value replaced by text no
 * field may hold (NUL, half a surrogate pair), by a huge or deeply nested value or one of the
 * wrong type, and wholly arbitrary JSON. Nothing may answer 5xx, and no table may gain or lose a
 * row: every such body is refused before anything is written.
 */
const CASES_PER_ROUTE = 40;

const EVIL_TEXT = ['a\u0000b', '\ud800', 'x\udfff', `\u0000${'y'.repeat(20)}`];
/** Stands for a value nested 100,000 arrays deep, spliced into the body's text (too deep to stringify). */
const DEEP = '\u{1F5FF}deep';
const DEEP_TEXT = `${'['.repeat(100_000)}"bottom"${']'.repeat(100_000)}`;

/** Replaces the value at one path of a JSON value (or adds a key there), returning a copy. */
function mutate(value: unknown, pick: number, replacement: unknown): unknown {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (v && typeof v === 'object')
      for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
  };
  walk(value, []);
  const path = paths[pick % paths.length] ?? [];
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = replacement;
  return copy;
}

/** Values no field of any route accepts (the cases name them by index, so reports stay short). */
const HOSTILE: unknown[] = [
  ...EVIL_TEXT,
  'z'.repeat(300_000),
  DEEP,
  Array.from({ length: 20_000 }, (_, i) => i),
  -1,
  1e308,
];

describe('hostile bodies on every write route', () => {
  let f: AccessFixture;
  const tables: string[] = [];
  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of tables) {
      const row = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(f.t.db);
      result[table] = Number(row.rows[0]?.n ?? 0);
    }
    return result;
  };

  beforeAll(async () => {
    f = await accessFixture('pglite');
    await prepareRoutes(f);
    const rows = await sql<{ tablename: string }>`
      SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(
      f.t.db,
    );
    // Failed sign-ins are counted by design; the fuzz never signs in.
    tables.push(...rows.rows.map((r) => r.tablename).filter((t) => t !== 'login_failures'));
  });
  afterAll(() => f?.t.close());

  // Routes that take a JSON body (the others take none, or a file: the matrix and the import
  // tests cover them).
  const writes = Object.entries(ROWS).filter(([route]) => !route.startsWith('GET '));

  it.each(writes.map(([route]) => route))('%s', async (route) => {
    const row = ROWS[route]!;
    const actor: ActorName = row.allow === 'all' ? 'strateg' : (row.allow[0] ?? 'admin');
    const id = row.kind?.(f).inScope(actor) ?? '';
    const base = row.request(id, f);
    if (typeof base.payload !== 'object' || base.payload === null) return;
    const valid = base.payload;
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ pick: fc.nat(), hostile: fc.nat({ max: HOSTILE.length - 1 }) }),
          fc.record({ arbitrary: fc.jsonValue({ maxDepth: 4 }) }),
        ),
        async (testCase) => {
          const refused = 'hostile' in testCase;
          const payload =
            'hostile' in testCase
              ? mutate(valid, testCase.pick, HOSTILE[testCase.hostile])
              : testCase.arbitrary;
          const response = await f.t.app.inject({
            method: base.method,
            url: base.url,
            payload: JSON.stringify(payload).replace(`"${DEEP}"`, DEEP_TEXT),
            headers: { cookie: f.cookies[actor], 'content-type': 'application/json' },
          });
          expect(response.statusCode, `${route}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (refused)
            expect(
              response.statusCode,
              `${route} accepted ${JSON.stringify(payload).slice(0, 200)}`,
            ).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: CASES_PER_ROUTE, seed: 7 },
    );
    expect(await counts()).toEqual(before);
  });
});
