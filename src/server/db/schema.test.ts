import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../testing';
import { rows } from './database';

/**
 * The Citus rule of DESIGN.md, read from the migrated catalog: every tenant table carries
 * workspace_id in its primary key, its unique constraints and indexes, and its foreign keys;
 * no ON DELETE SET NULL on composite keys; no triggers.
 */
const globalTables = new Set(['workspaces', 'identities', 'rate_limits', 'rapport_migrations']);

let db: Awaited<ReturnType<typeof createTestDb>>;
const query = <T>(text: ReturnType<typeof sql>) => db.read((x) => rows<T>(x, text));

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.drop());

async function tables(): Promise<string[]> {
  const found = await query<{ name: string }>(
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  return found.map((r) => r.name);
}

interface Constraint {
  table: string;
  name: string;
  type: string;
  columns: string[];
  foreignTable: string | null;
  foreignColumns: string[] | null;
  onDelete: string;
}

async function constraints(): Promise<Constraint[]> {
  return query<Constraint>(
    sql`SELECT c.relname AS "table", k.conname AS name, k.contype::text AS type,
        ARRAY(SELECT a.attname::text FROM unnest(k.conkey) AS u(n) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n) AS columns,
        f.relname AS "foreignTable",
        CASE WHEN k.confkey IS NULL THEN NULL ELSE ARRAY(SELECT a.attname::text FROM unnest(k.confkey) AS u(n) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n) END AS "foreignColumns",
        k.confdeltype::text AS "onDelete"
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_class f ON f.oid = k.confrelid
      WHERE n.nspname = 'public' AND k.contype IN ('p', 'u', 'f', 'x')
      ORDER BY 1, 2`,
  );
}

/** Every breach of the rule, as `table.constraint: reason`. */
async function violations(): Promise<string[]> {
  const out: string[] = [];
  const all = await constraints();
  for (const c of all) {
    if (globalTables.has(c.table)) continue;
    if (['p', 'u', 'x'].includes(c.type) && !c.columns.includes('workspace_id'))
      out.push(`${c.table}.${c.name}: key without workspace_id`);
    if (c.type === 'f') {
      const at = c.columns.indexOf('workspace_id');
      // A reference to the root table is by its id; to any tenant table by its workspace_id.
      const target = c.foreignTable === 'workspaces' ? 'id' : 'workspace_id';
      if (at < 0 || c.foreignColumns?.[at] !== target)
        out.push(`${c.table}.${c.name}: foreign key without workspace_id`);
      if (c.columns.length > 1 && ['n', 'd'].includes(c.onDelete))
        out.push(`${c.table}.${c.name}: ON DELETE SET NULL/DEFAULT on a composite key`);
    }
  }
  const triggers = await query<{ name: string }>(
    sql`SELECT c.relname || '.' || t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
  );
  out.push(...triggers.map((t) => `${t.name}: trigger`));
  return out.sort();
}

describe('the migrated schema follows the Citus rule', () => {
  it('finds no violation at all', async () => {
    expect(await violations()).toEqual([]);
  });

  it('has the tables the record engine and modules declare', async () => {
    const names = await tables();
    for (const t of ['workspaces', 'users', 'accounts', 'contacts', 'contact_accounts', 'record_history'])
      expect(names).toContain(t);
    expect(names.length).toBeGreaterThan(10);
  });

  it('gives every tenant table a workspace_id NOT NULL column', async () => {
    const found = await query<{ table: string; nullable: string }>(
      sql`SELECT table_name AS "table", is_nullable AS nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'workspace_id'`,
    );
    const withColumn = new Map(found.map((r) => [r.table, r.nullable]));
    const broken = (await tables())
      .filter((t) => !globalTables.has(t))
      .filter((t) => withColumn.get(t) !== 'NO');
    expect(broken).toEqual([]);
  });

  it('puts workspace_id in every tenant primary key and unique constraint', async () => {
    const all = await constraints();
    const tenant = all.filter((c) => !globalTables.has(c.table));
    const tablesWithPk = new Set(all.filter((c) => c.type === 'p').map((c) => c.table));
    expect((await tables()).filter((t) => !tablesWithPk.has(t))).toEqual([]);
    const broken = tenant
      .filter((c) => ['p', 'u', 'x'].includes(c.type) && !c.columns.includes('workspace_id'))
      .map((c) => `${c.table}.${c.name}`);
    expect(broken).toEqual([]);
    const workspacesPk = all.find((c) => c.table === 'workspaces' && c.type === 'p');
    expect(workspacesPk?.columns).toEqual(['id']);
  });

  it('puts workspace_id in every unique index, not only constraints', async () => {
    const found = await query<{ table: string; index: string; columns: string[]; expr: boolean }>(
      sql`SELECT c.relname AS "table", i.relname AS index,
          ARRAY(SELECT a.attname::text FROM unnest(x.indkey) AS u(n) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n) AS columns,
          (x.indexprs IS NOT NULL) AS expr
        FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND x.indisunique`,
    );
    const broken = found
      .filter((r) => !globalTables.has(r.table) && !r.columns.includes('workspace_id'))
      .map((r) => `${r.table}.${r.index}`);
    expect(broken).toEqual([]);
    expect(found.length).toBeGreaterThan(5);
  });

  it('makes every tenant foreign key include workspace_id on both sides, in the same position', async () => {
    const fks = (await constraints()).filter((c) => c.type === 'f');
    expect(fks.length).toBeGreaterThan(0);
    const broken = fks
      .filter((c) => !globalTables.has(c.table))
      .filter((c) => {
        const at = c.columns.indexOf('workspace_id');
        if (at < 0) return true;
        // A reference to the root table is by its id; to any tenant table by its workspace_id.
        const target = c.foreignTable === 'workspaces' ? 'id' : 'workspace_id';
        return c.foreignColumns?.[at] !== target;
      })
      .map((c) => `${c.table}.${c.name} (${c.columns.join(',')}) -> ${c.foreignTable}`);
    expect(broken).toEqual([]);
  });

  it('has no ON DELETE SET NULL or SET DEFAULT on a composite foreign key', async () => {
    const broken = (await constraints())
      .filter((c) => c.type === 'f' && c.columns.length > 1 && ['n', 'd'].includes(c.onDelete))
      .map((c) => `${c.table}.${c.name}`);
    expect(broken).toEqual([]);
  });

  it('has no triggers', async () => {
    const found = await query<{ name: string }>(
      sql`SELECT c.relname || '.' || t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
    );
    expect(found.map((r) => r.name)).toEqual([]);
  });

  it('keeps the global tables few and known', async () => {
    const found = await query<{ table: string }>(
      sql`SELECT c.relname AS "table" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped)
        ORDER BY 1`,
    );
    expect(found.map((r) => r.table).filter((t) => !globalTables.has(t))).toEqual([]);
  });

  it('would catch a table that breaks the rule (the check itself can fail)', async () => {
    await db.write(async (tx) => {
      await tx.execute(sql`CREATE TABLE zz_bad (workspace_id uuid NOT NULL, id uuid NOT NULL, email text,
        account_id uuid, PRIMARY KEY (workspace_id, id), CONSTRAINT zz_bad_email UNIQUE (email),
        CONSTRAINT zz_bad_account FOREIGN KEY (account_id) REFERENCES workspaces (id),
        CONSTRAINT zz_bad_null FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id) ON DELETE SET NULL)`);
      await tx.execute(
        sql`CREATE FUNCTION zz_bad_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      );
      await tx.execute(
        sql`CREATE TRIGGER zz_bad_trigger BEFORE INSERT ON zz_bad FOR EACH ROW EXECUTE FUNCTION zz_bad_fn()`,
      );
    });
    try {
      expect(await violations()).toEqual([
        'zz_bad.zz_bad_account: foreign key without workspace_id',
        'zz_bad.zz_bad_email: key without workspace_id',
        'zz_bad.zz_bad_null: ON DELETE SET NULL/DEFAULT on a composite key',
        'zz_bad.zz_bad_trigger: trigger',
      ]);
    } finally {
      await db.write(async (tx) => {
        await tx.execute(sql`DROP TABLE zz_bad`);
        await tx.execute(sql`DROP FUNCTION zz_bad_fn()`);
      });
    }
    expect(await violations()).toEqual([]);
  });
});
