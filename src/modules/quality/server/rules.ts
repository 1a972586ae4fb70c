import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../server/db/database';
import type { ResolvedObject } from '../../../server/engine';

/** How alike two records of an object are, in SQL over the aliases `t` (a candidate) and `r` (the record). */
export interface Likeness {
  /** the candidate is a likely duplicate */
  alike: SQL;
  /** 0 to 1 */
  score: SQL;
  /** text[] of reasons */
  reasons: SQL;
  /**
   * The ids of candidates for the record `r`, one index lookup per rule (equal email, phone or domain;
   * names alike, by the trigram index or within each context: see `duplicatesByContext`), for a
   * LATERAL join: `alike` over the whole table is an OR no index serves, a scan of every record for
   * each one checked.
   */
  candidates: SQL;
  /**
   * What records are grouped by to find their pairs in bulk (the scan), each over a table alias: the
   * value of an exact rule (`exact`), or a context within which names are compared.
   */
  blocks: { key: (alias: SQL) => SQL; exact: boolean }[];
}

const exactScores: Record<string, number> = { email: 1, phone: 0.9, domain: 0.9 };

/** A context or value shared by more live records than this says nothing about who is who. */
export const crowdedContext = 1000;

/**
 * The duplicate rules of any object, from its fields: the same email, phone or domain (stored
 * normalised, so equality is exact); or names alike by trigram similarity above the workspace's
 * threshold together with the same account, email domain, domain or city. An object with none of
 * those needs names alike at 0.8 or more. A custom object's fields live in JSONB: its email, phone and
 * domain fields are exact rules too (looked up by containment through the GIN index of
 * `custom_records.custom`), its other fields contexts; names alike at 0.8 or more stay a rule of their
 * own there, as its records may have little else filled.
 */
export function likeness(object: ResolvedObject, threshold: number): Likeness {
  const t = sql.raw('t');
  const r = sql.raw('r');
  const col = (alias: SQL, column: string) => sql`${alias}.${sql.identifier(column)}`;
  const stored = [...object.fields.values()].filter((f) => !f.custom && f.column && !f.retired);
  const exact: { condition: SQL; score: number; reason: string }[] = stored
    .filter((f) => f.spec.type in exactScores)
    .map((f) => ({
      condition: sql`(${col(r, f.column!)} IS NOT NULL AND ${col(r, f.column!)} <> '' AND ${col(t, f.column!)} = ${col(r, f.column!)})`,
      score: exactScores[f.spec.type],
      reason: `same ${f.spec.label.toLowerCase()}`,
    }));
  const blocks: Likeness['blocks'] = stored
    .filter((f) => f.spec.type in exactScores)
    .map((f) => ({ key: (alias) => col(alias, f.column!), exact: true }));
  // A custom object's own fields, on each alias (the JSONB value, and its text). They add no blocks:
  // names alike at 0.8 alone stay a rule there, which blocks cannot find, so the scan of a custom
  // object looks each record up through `candidates` (the containment and trigram indexes).
  const [tc, rc] = ['t', 'r'].map((alias) => object.as(alias).fields);
  const customs = object.declaration.custom
    ? [...object.fields.values()].filter((f) => f.custom && !f.retired && !f.computed)
    : [];
  const jsonbOf = (fields: typeof tc, f: { name: string }) => fields.get(f.name)!.json;
  const textOf = (fields: typeof tc, f: { name: string }) => sql`(${fields.get(f.name)!.json} #>> '{}')`;
  for (const f of customs.filter((f) => f.spec.type in exactScores))
    exact.push({
      condition: sql`(${textOf(rc, f)} <> '' AND ${jsonbOf(tc, f)} = ${jsonbOf(rc, f)})`,
      score: exactScores[f.spec.type],
      reason: `same ${f.spec.label.toLowerCase()}`,
    });
  const context: { condition: SQL; reason: string }[] = [];
  for (const f of customs) {
    const [a, b] = [textOf(tc, f), textOf(rc, f)];
    if (f.spec.type === 'reference' && f.spec.reference === 'accounts')
      context.push({ condition: sql`${b} <> '' AND ${a} = ${b}`, reason: 'same account' });
    if (f.spec.type === 'email')
      context.push({
        condition: sql`${b} <> '' AND split_part(${a}, '@', 2) = split_part(${b}, '@', 2)`,
        reason: 'same email domain',
      });
    if (f.spec.type === 'domain')
      context.push({
        condition: sql`${b} <> '' AND ${a} = ${b}`,
        reason: `same ${f.spec.label.toLowerCase()}`,
      });
    if (f.spec.type === 'address')
      context.push({
        condition: sql`coalesce(${jsonbOf(rc, f)}->>'city', '') <> '' AND lower(${jsonbOf(tc, f)}->>'city') = lower(${jsonbOf(rc, f)}->>'city')`,
        reason: `same city (${f.spec.label.toLowerCase()})`,
      });
  }
  for (const f of stored) {
    const [a, b] = [col(t, f.column!), col(r, f.column!)];
    if (f.spec.type === 'reference' && f.spec.reference === 'accounts') {
      context.push({ condition: sql`${b} IS NOT NULL AND ${a} = ${b}`, reason: 'same account' });
      blocks.push({ key: (alias) => col(alias, f.column!), exact: false });
    }
    if (f.spec.type === 'email') {
      context.push({
        condition: sql`${b} IS NOT NULL AND split_part(${a}, '@', 2) = split_part(${b}, '@', 2)`,
        reason: 'same email domain',
      });
      blocks.push({ key: (alias) => sql`split_part(${col(alias, f.column!)}, '@', 2)`, exact: false });
    }
    if (f.spec.type === 'domain') {
      // The exact rule's block (the same domain) already holds these pairs.
      context.push({ condition: sql`${b} IS NOT NULL AND ${a} = ${b}`, reason: 'same domain' });
    }
    if (f.spec.type === 'address') {
      context.push({
        condition: sql`coalesce(${b}->>'city', '') <> '' AND lower(${a}->>'city') = lower(${b}->>'city')`,
        reason: `same city (${f.spec.label.toLowerCase()})`,
      });
      blocks.push({ key: (alias) => sql`lower(${col(alias, f.column!)}->>'city')`, exact: false });
    }
  }
  const similarity = sql`similarity(${t}.search_names, ${r}.search_names)`;
  const named = sql`(${r}.search_names <> '' AND ${t}.search_names % ${r}.search_names)`;
  // Names alike at 0.8 or more are a rule of their own, with no context.
  const standalone = !context.length || object.declaration.custom;
  const nameRules = [
    ...(context.length
      ? [
          sql`(${similarity} >= ${threshold} AND (${sql.join(
            context.map((c) => sql`(${c.condition})`),
            sql` OR `,
          )}))`,
        ]
      : []),
    ...(standalone ? [sql`(${similarity} >= ${Math.max(threshold, 0.8)})`] : []),
  ];
  const contextual = sql`(${sql.join(nameRules, sql` OR `)})`;
  const fuzzy = sql`(${named} AND ${contextual})`;
  const alike = sql.join([...exact.map((e) => e.condition), fuzzy], sql` OR `);
  const score = sql`round(greatest(${sql.join(
    [
      ...exact.map((e) => sql`CASE WHEN ${e.condition} THEN ${e.score}::float8 ELSE 0 END`),
      sql`CASE WHEN ${fuzzy} THEN ${similarity}::float8 ELSE 0 END`,
    ],
    sql`, `,
  )})::numeric, 2)::float8`;
  const reasons = sql`array_remove(ARRAY[${sql.join(
    [
      ...exact.map((e) => sql`CASE WHEN ${e.condition} THEN ${e.reason}::text END`),
      sql`CASE WHEN ${fuzzy} THEN 'similar name'::text END`,
      // A context that is also an exact rule (the same domain) is said once.
      ...context
        .filter((c) => !exact.some((e) => e.reason === c.reason))
        .map((c) => sql`CASE WHEN ${fuzzy} AND (${c.condition}) THEN ${c.reason}::text END`),
    ],
    sql`, `,
  )}], NULL)`;
  // `%` reads pg_trgm.similarity_threshold: see narrowNameLookups; `alike` decides on the candidates.
  const c = sql.raw('c');
  const table = sql.identifier(object.tableName);
  const lookup = (condition: SQL, columns = sql`c.id`) =>
    sql`SELECT ${columns} FROM ${table} AS c WHERE c.workspace_id = ${r}.workspace_id AND c.deleted_at IS NULL AND ${condition}`;
  const alikeNames = (alias: SQL) =>
    sql`${r}.search_names <> '' AND ${alias}.search_names % ${r}.search_names`;
  // Within one context: its first `crowdedContext` + 1 records by its index, none if there are more.
  const withinContext = (key: (alias: SQL) => SQL) =>
    sql`SELECT b.id FROM (SELECT near.id, near.search_names, count(*) OVER () AS crowd FROM (
        ${lookup(sql`${key(r)}::text <> '' AND ${key(c)} = ${key(r)}`, sql`c.id, c.search_names`)} LIMIT ${crowdedContext + 1}
      ) AS near) AS b WHERE b.crowd <= ${crowdedContext} AND ${alikeNames(sql.raw('b'))}`;
  const byContext = object.declaration.duplicatesByContext && !standalone;
  const candidates = sql.join(
    [
      ...stored
        .filter((f) => f.spec.type in exactScores)
        .map((f) => lookup(sql`${col(r, f.column!)} <> '' AND ${col(c, f.column!)} = ${col(r, f.column!)}`)),
      ...customs
        .filter((f) => f.spec.type in exactScores)
        .map((f) =>
          lookup(
            sql`${textOf(rc, f)} <> '' AND ${c}.custom @> jsonb_build_object(${f.name}::text, ${jsonbOf(rc, f)})`,
          ),
        ),
      ...(byContext
        ? blocks.filter((b) => !b.exact).map((b) => withinContext(b.key))
        : [lookup(alikeNames(c))]),
    ],
    sql` UNION `,
  );
  return { alike: sql`(${alike})`, score, reasons, candidates, blocks };
}

/**
 * Lets the trigram index of `candidates` skip names that cannot reach the workspace's threshold: `%`
 * compares against pg_trgm.similarity_threshold (0.3 unless set), which for the rest of the
 * transaction becomes just under the workspace's own (the index then reads about a tenth as much).
 */
export async function narrowNameLookups(tx: Executor, threshold: number): Promise<void> {
  await tx.execute(
    sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(Math.max(threshold - 0.01, 0.3))}, true)`,
  );
}
