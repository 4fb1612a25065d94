import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from './helpers/db.ts';

/**
 * The Kysely schema (src/server/db/schema.ts) is written by hand beside the SQL migrations; this
 * reads its types with the TypeScript compiler and holds them against the migrated database:
 * the same tables, the same columns, and a column that may be NULL exactly where the type says.
 */
function declaredSchema(): Map<string, Map<string, boolean>> {
  const file = 'src/server/db/schema.ts';
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error('schema.ts not found');
  const database = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database',
  );
  if (!database) throw new Error('no Database interface');
  const tables = new Map<string, Map<string, boolean>>();
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const tableType = checker.getTypeFromTypeNode(member.type);
    const columns = new Map<string, boolean>();
    for (const column of tableType.getProperties()) {
      let type = checker.getTypeOfSymbol(column);
      // ColumnType<Select, Insert, Update>: what a read returns decides nullability.
      const select = type.getProperty('__select__');
      if (select) type = checker.getTypeOfSymbol(select);
      const parts = type.isUnion() ? type.types : [type];
      columns.set(
        column.name,
        parts.some((t) => (t.flags & ts.TypeFlags.Null) !== 0),
      );
    }
    tables.set(member.name.getText(source), columns);
  }
  return tables;
}

describe.each(BACKENDS)('the Kysely schema against the migrations on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.close());

  it('declares every table and column the migrations make, nullable where they are', async () => {
    const rows = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      SELECT table_name, column_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, column_name`.execute(database.db);
    const actual = new Map<string, Record<string, boolean>>();
    for (const row of rows.rows) {
      const table = actual.get(row.table_name) ?? {};
      table[row.column_name] = row.is_nullable === 'YES';
      actual.set(row.table_name, table);
    }
    const declared = new Map(
      [...declaredSchema()].map(([table, columns]) => [table, Object.fromEntries(columns)]),
    );
    expect(Object.fromEntries(declared)).toEqual(Object.fromEntries(actual));
  });
});
