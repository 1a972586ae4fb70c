import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import type { RequestContext, ResolvedObject } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { importRowOf } from '../../imports/server';
import { defaultStaleAfterMonths, type FieldProvenance } from '../contract';

interface LastChange {
  field: string;
  at: string;
  age_days: number;
  stale: boolean;
  source: string;
  actor_type: string;
  actor_name: string;
  source_ref: string | null;
}

/**
 * For each field of a record the caller may see, where its value came from: the last history entry that
 * changed it, with the import file and row, the merge, or what a module says of its origin (a captured
 * email), and how old it is (stale past the
 * object's `staleAfterMonths`).
 */
export async function recordProvenance(
  ctx: RequestContext,
  object: ResolvedObject,
  id: string,
  originOf: Platform['changeOrigin'],
): Promise<FieldProvenance[]> {
  return ctx.db.read(async (x) => {
    const months = sql`coalesce((SELECT (s.stale_after_months->>${object.name})::int FROM quality_settings s
      WHERE s.workspace_id = ${ctx.workspace.id}), ${defaultStaleAfterMonths})`;
    const found = await rows<LastChange>(
      x,
      sql`SELECT DISTINCT ON (c->>'field') c->>'field' AS field,
          to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
          floor(extract(epoch FROM now() - h.at) / 86400)::int AS age_days,
          h.at < now() - make_interval(months => ${months}) AS stale,
          h.source, h.actor_type, h.actor_name, h.source_ref
        FROM record_history h CROSS JOIN LATERAL jsonb_array_elements(h.changes) c
        WHERE h.workspace_id = ${ctx.workspace.id} AND h.object = ${object.name} AND h.record_id = ${id}
        ORDER BY c->>'field', h.id DESC`,
    );
    // Most fields come from the same few imports or merges: each is looked up once.
    const imported = new Map<string, Awaited<ReturnType<typeof importRowOf>>>();
    const merged = new Map<string, string[] | undefined>();
    const described = new Map<string, FieldProvenance['origin']>();
    const out: FieldProvenance[] = [];
    for (const f of found.filter((f) => object.fields.has(f.field))) {
      const entry: FieldProvenance = {
        field: f.field,
        at: f.at,
        ageDays: f.age_days,
        stale: f.stale,
        source: f.source,
        actor: { type: f.actor_type, name: f.actor_name },
      };
      const [kind, refId] = f.source_ref?.split('/') ?? [];
      if (kind === 'imports') {
        if (!imported.has(refId)) imported.set(refId, await importRowOf(x, ctx.workspace.id, refId, id));
        entry.import = imported.get(refId) ?? undefined;
      }
      if (kind === 'merges') {
        if (!merged.has(refId)) {
          const [m] = await rows<{ merged_ids: string[] }>(
            x,
            sql`SELECT merged_ids FROM merges WHERE workspace_id = ${ctx.workspace.id} AND id = ${refId}`,
          );
          merged.set(refId, m?.merged_ids);
        }
        const mergedIds = merged.get(refId);
        if (mergedIds) entry.merge = { id: refId, mergedIds };
      }
      const origin = kind && refId ? originOf(kind) : undefined;
      if (origin) {
        const ref = `${kind}/${refId}`;
        if (!described.has(ref)) described.set(ref, await origin.describe(ctx, x, refId));
        entry.origin = described.get(ref);
      }
      out.push(entry);
    }
    return out;
  });
}
