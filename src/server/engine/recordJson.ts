import { sql, type SQL } from 'drizzle-orm';
import { nameLiteral, type ResolvedObject } from './resolved';

// jsonb_build_object takes at most 100 arguments: build in chunks and concatenate.
const chunkSize = 40;

/** The API shape of a record, built by PostgreSQL on alias `t` so Node passes text through. */
export function recordJson(object: ResolvedObject, only?: string[]): SQL {
  const wanted = only ? new Set(['id', ...only]) : null;
  const pairs: SQL[] = [];
  for (const field of object.fields.values()) {
    if (field.retired) continue;
    if (wanted && !wanted.has(field.name)) continue;
    pairs.push(sql`${nameLiteral(field.name)}, ${field.json}`);
  }
  const chunks: SQL[] = [];
  for (let i = 0; i < pairs.length; i += chunkSize) {
    chunks.push(sql`jsonb_build_object(${sql.join(pairs.slice(i, i + chunkSize), sql`, `)})`);
  }
  return sql.join(chunks, sql` || `);
}
