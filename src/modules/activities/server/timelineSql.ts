import { sql, type SQL } from 'drizzle-orm';
import {
  baseConditions,
  tableAlias,
  tableOf,
  type RequestContext,
  type ResolvedObject,
} from '../../../server/engine';
import type { AttachmentSummary } from '../contract';

/** Where the timeline reads from, for one page. */
export interface TimelineSources {
  /** the record itself, and (for an account) the related objects whose records' entries join its timeline */
  record: { object: ResolvedObject; id: string };
  related: { object: ResolvedObject; via: string }[];
  /** the activities object as the caller sees it, or null when activities are left out */
  activities: ResolvedObject | null;
  /** only activities of these types (all when null) */
  activityTypes: string[] | null;
  /** only activities on this channel, lower-cased (all when null) */
  channel: string | null;
  /** per object, the fields whose changes show; null leaves field changes out */
  timelineFields: Map<string, string[]> | null;
  /** per object, a field whose change has an entry of its own, and the fields that change with it */
  followers: Map<string, { cause: string; fields: string[] }>;
  stageChanges: boolean;
  cursor: { at: string; id: string } | null;
  limit: number;
}

export interface TimelineRow {
  kind: 'activity' | 'fieldChange' | 'stageChange';
  at: string;
  position: string;
  id: string;
  object: string;
  record_id: string;
  changes: { field: string; from: unknown; to: unknown }[] | null;
  created: boolean | null;
  actor_type: string | null;
  actor_id: string | null;
  actor_name: string | null;
  subject: string | null;
  type: string | null;
  direction: string | null;
  done: boolean | null;
  excerpt: string | null;
  links: { object: string; id: string }[] | null;
  attachments: AttachmentSummary[] | null;
  stage_name: string | null;
}

/** Whether the caller sees every activity (the engine's visibility rule, without its SQL). */
function everyoneSees(ctx: RequestContext, activities: ResolvedObject): boolean {
  return ctx.role === 'admin' || activities.visibility === 'workspace';
}

const textArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`;

/** The record and the related records whose entries it shows, each as (object, id, created_at). */
function subjects(ctx: RequestContext, s: TimelineSources): SQL {
  const own = s.record.object;
  const t = tableAlias(own.alias);
  const parts = [
    sql`SELECT ${own.name}::text AS object, ${t}.id, ${t}.created_at FROM ${tableOf(own)}
      WHERE ${sql.join([...baseConditions(ctx, own), sql`${t}.id = ${s.record.id}::uuid`], sql` AND `)}`,
  ];
  for (const { object, via } of s.related) {
    const r = tableAlias(object.alias);
    const column = object.fields.get(via)?.column;
    if (!column) continue;
    parts.push(sql`SELECT ${object.name}::text, ${r}.id, ${r}.created_at FROM ${tableOf(object)}
      WHERE ${sql.join([...baseConditions(ctx, object), sql`${r}.${sql.identifier(column)} = ${s.record.id}::uuid`], sql` AND `)}`);
  }
  return sql.join(parts, sql` UNION ALL `);
}

/** An activity's files (uploaded, and captured with its email; mail's table read only), oldest first. */
function attachmentsOf(ws: string): SQL {
  return sql`(SELECT json_agg(json_build_object('id', f.id, 'fileName', f.name, 'size', f.size, 'url', f.url)
      ORDER BY f.at, f.id)
    FROM (SELECT t.id, t.file_name AS name, t.size, '/api/v1/attachments/' || t.id AS url, t.created_at AS at
        FROM activity_attachments t WHERE t.workspace_id = ${ws} AND t.activity_id = p.id
      UNION ALL
      SELECT f.id, f.filename, f.size, '/api/v1/mail/attachments/' || f.id, m.received_at
        FROM mail_messages m JOIN mail_attachments f ON f.workspace_id = m.workspace_id AND f.mail_id = m.id
        WHERE m.workspace_id = ${ws} AND m.activity_id = p.id) f)`;
}

/**
 * One page of a timeline in one query. Each source is read per subject record through its own index
 * (newest first, from the cursor, at most a page and one), then the sources are merged by (at, id):
 * the cost follows the page size and the number of related records, not the number of entries.
 */
export function timelineQuery(ctx: RequestContext, s: TimelineSources): SQL {
  const ws = ctx.workspace.id;
  const take = s.limit + 1;
  const before = (at: SQL, id: SQL) =>
    s.cursor ? sql`AND (${at}, ${id}) < (${s.cursor.at}::timestamptz, ${s.cursor.id}::uuid)` : sql``;
  const branches: SQL[] = [];
  if (s.activities) {
    const a = s.activities.as('ta');
    const ta = tableAlias(a.alias);
    const types = s.activityTypes ? sql`AND l.type = ANY(${textArray(s.activityTypes)}::text[])` : sql``;
    const channel = s.channel !== null ? sql`AND l.channel = ${s.channel}` : sql``;
    // Link rows exist for live activities only; the activity itself is read only when not everyone may see it.
    const visible = everyoneSees(ctx, a)
      ? sql``
      : sql`AND EXISTS (SELECT 1 FROM ${tableOf(a)} WHERE ${ta}.workspace_id = l.workspace_id AND ${ta}.id = l.activity_id
          AND ${sql.join(baseConditions(ctx, a), sql` AND `)})`;
    branches.push(sql`SELECT DISTINCT 'activity' AS kind, x.at, x.id, 'activities' AS object, x.id AS record_id,
        NULL::jsonb AS changes, NULL::boolean AS created, NULL::text AS actor_type, NULL::uuid AS actor_id,
        NULL::text AS actor_name, NULL::uuid AS pipeline_id, NULL::uuid AS stage_id
      FROM subjects s CROSS JOIN LATERAL (
        SELECT l.at, l.activity_id AS id FROM activity_links l
        WHERE l.workspace_id = ${ws} AND l.object = s.object AND l.record_id = s.id ${types} ${channel}
          ${before(sql`l.at`, sql`l.activity_id`)} ${visible}
        ORDER BY l.at DESC, l.activity_id DESC LIMIT ${take}) x`);
  }
  if (s.timelineFields) {
    const fields = [...s.timelineFields].map(([object, names]) => {
      const follow = s.followers.get(object);
      return sql`(${object}::text, ${textArray(names)}::text[], ${follow?.cause ?? ''}::text, ${textArray(follow?.fields ?? [])}::text[])`;
    });
    if (fields.length)
      branches.push(sql`SELECT 'fieldChange' AS kind, h.at, h.id, h.object, h.record_id, h.kept AS changes,
        h.at = s.created_at AS created, h.actor_type, h.actor_id, h.actor_name, NULL::uuid AS pipeline_id,
        NULL::uuid AS stage_id
      FROM subjects s JOIN (VALUES ${sql.join(fields, sql`, `)}) AS f(object, names, cause, followers)
        ON f.object = s.object
      CROSS JOIN LATERAL (
        SELECT h.at, h.id, h.object, h.record_id, h.actor_type, h.actor_id, h.actor_name, k.kept
        FROM record_history h
        CROSS JOIN LATERAL (SELECT jsonb_agg(c) AS kept FROM jsonb_array_elements(h.changes) c
          WHERE c->>'field' = ANY(f.names)
            AND NOT (c->>'field' = ANY(f.followers) AND h.changes @> jsonb_build_array(jsonb_build_object('field', f.cause)))) k
        WHERE h.workspace_id = ${ws} AND h.object = s.object AND h.record_id = s.id AND k.kept IS NOT NULL
          ${before(sql`h.at`, sql`h.id`)}
        ORDER BY h.at DESC, h.id DESC LIMIT ${take}) h`);
  }
  if (s.stageChanges)
    branches.push(sql`SELECT 'stageChange' AS kind, d.entered_at AS at, d.id, 'deals' AS object, d.deal_id AS record_id,
        NULL::jsonb AS changes, NULL::boolean AS created, d.actor_type, d.actor_id, d.actor_name, d.pipeline_id,
        d.stage_id
      FROM subjects s CROSS JOIN LATERAL (
        SELECT * FROM deal_stage_history d
        WHERE d.workspace_id = ${ws} AND d.deal_id = s.id AND s.object = 'deals'
          ${before(sql`d.entered_at`, sql`d.id`)}
        ORDER BY d.entered_at DESC, d.id DESC LIMIT ${take}) d`);

  const iso = (c: string, unit: string) =>
    sql.raw(`to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.${unit}"Z"')`);
  return sql`WITH subjects AS (${subjects(ctx, s)}),
    page AS (SELECT * FROM (${sql.join(branches, sql` UNION ALL `)}) u ORDER BY at DESC, id DESC LIMIT ${take})
    SELECT p.kind, ${iso('p.at', 'MS')} AS at, ${iso('p.at', 'US')} AS position, p.id, p.object, p.record_id,
      p.changes, p.created, a.subject, a.type, a.direction, a.done, a.links,
      left(regexp_replace(CASE WHEN a.body_format = 'html' THEN regexp_replace(a.body, '<[^>]*>', ' ', 'g') ELSE a.body END, '\\s+', ' ', 'g'), 200) AS excerpt,
      coalesce(p.actor_type, CASE WHEN u.id IS NOT NULL THEN 'user' END) AS actor_type,
      coalesce(p.actor_id, u.id) AS actor_id, coalesce(p.actor_name, u.name) AS actor_name,
      CASE WHEN p.kind = 'activity' THEN ${attachmentsOf(ws)} END AS attachments,
      (SELECT st->>'name' FROM pipelines pl CROSS JOIN LATERAL jsonb_array_elements(pl.stages) st
        WHERE pl.workspace_id = ${ws} AND pl.id = p.pipeline_id AND st->>'id' = p.stage_id::text) AS stage_name
    FROM page p
    LEFT JOIN activities a ON p.kind = 'activity' AND a.workspace_id = ${ws} AND a.id = p.id
    LEFT JOIN users u ON u.workspace_id = ${ws} AND u.id = a.created_by
    ORDER BY p.at DESC, p.id DESC`;
}
