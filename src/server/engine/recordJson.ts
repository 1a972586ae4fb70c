import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { nameLiteral, type ResolvedObject } from './resolved';

// json_build_object takes at most 100 arguments (50 fields); wider records are built in chunks.
const chunkSize = 50;

const dialect = new PgDialect();
// A resolved object is replaced whenever its metadata changes, so its compiled text can be kept with it.
const compiled = new WeakMap<ResolvedObject, SQL>();

/**
 * The API shape of a record, built by PostgreSQL on alias `t` so Node passes text through.
 * The full shape has no parameters: it is compiled to text once per object, not on every request.
 */
export function recordJson(object: ResolvedObject, only?: string[]): SQL {
  if (only) return buildRecordJson(object, only);
  let text = compiled.get(object);
  if (!text) {
    const fragment = buildRecordJson(object);
    const query = dialect.sqlToQuery(fragment);
    text = query.params.length ? fragment : sql.raw(query.sql);
    compiled.set(object, text);
  }
  return text;
}

function buildRecordJson(object: ResolvedObject, only?: string[]): SQL {
  const wanted = only ? new Set(['id', ...only]) : null;
  const pairs: SQL[] = [];
  for (const field of object.fields.values()) {
    if (field.retired) continue;
    if (wanted && !wanted.has(field.name)) continue;
    pairs.push(sql`${nameLiteral(field.name)}, ${field.json}`);
  }
  const chunks: SQL[] = [];
  for (let i = 0; i < pairs.length; i += chunkSize) {
    chunks.push(sql`json_build_object(${sql.join(pairs.slice(i, i + chunkSize), sql`, `)})`);
  }
  // json_build_object writes text in field order and is several times cheaper than jsonb; only records
  // of more than 50 fields pay for merging their chunks as jsonb.
  return chunks.length === 1
    ? chunks[0]
    : sql.join(
        chunks.map((c) => sql`${c}::jsonb`),
        sql` || `,
      );
}
