import { sql } from 'drizzle-orm';
import { rows, type Executor } from '../../../server/db/database';
import {
  baseConditions,
  tableAlias,
  tableOf,
  type RequestContext,
  type ResolvedObject,
  type Values,
} from '../../../server/engine';
import type { DealContact, Stage } from '../../deals/contract';
import type { ImportRowError } from '../contract';
import { arrayItem, keyText } from './matching';
import type { RowValues } from './plan';

interface PipelineRow {
  id: string;
  name: string;
  stages: Stage[];
  is_default: boolean;
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const textArray = (items: string[]) => `{${items.map(arrayItem).join(',')}}`;

/**
 * The pipelines the rows name (by id or by name in any case) and the default one, read through the
 * engine as the importer sees them: a few rows whatever the file's size.
 */
async function pipelinesNamed(
  ctx: RequestContext,
  tx: Executor,
  pipelines: ResolvedObject,
  named: string[],
): Promise<PipelineRow[]> {
  const t = tableAlias(pipelines.alias);
  const f = (name: string) => pipelines.fields.get(name)!.expr;
  const ids = named.filter((n) => uuidShape.test(n));
  return rows<PipelineRow>(
    tx,
    sql`SELECT ${t}.id, ${f('name')} AS name, ${f('stages')} AS stages, ${f('isDefault')} AS is_default
      FROM ${tableOf(pipelines)}
      WHERE ${sql.join(
        [
          ...baseConditions(ctx, pipelines),
          sql`(${f('isDefault')} OR lower(${f('name')}) = ANY(${textArray(named.map(keyText))}::text[])
            OR ${t}.id = ANY(${`{${ids.join(',')}}`}::uuid[]))`,
        ],
        sql` AND `,
      )}
      ORDER BY ${t}.id LIMIT 500`,
  );
}

/**
 * Puts the pipeline and stage a row names (by id or name, any case) as ids into its deal, with the
 * workspace's default pipeline when the file names none; a name that is not there is an error of the
 * row ("Stage 'Won-ish' is not a stage of pipeline Sales"). A deal given neither keeps both unset, and
 * the deal's own defaults (default pipeline, first open stage) apply when it is created.
 */
export async function resolveStages(
  ctx: RequestContext,
  tx: Executor,
  objects: ReadonlyMap<string, ResolvedObject>,
  batch: RowValues[],
): Promise<Map<number, ImportRowError[]>> {
  const errors = new Map<number, ImportRowError[]>();
  const naming = batch.filter((r) => r.deal && (r.deal.pipelineId || r.deal.stageId));
  if (naming.length === 0) return errors;
  const pipelines = objects.get('pipelines');
  const refuse = (r: RowValues, field: string, message: string) =>
    errors.set(r.row, [...(errors.get(r.row) ?? []), { row: r.row, field: `deal.${field}`, message }]);
  if (!pipelines) {
    naming.forEach((r) => refuse(r, 'pipelineId', 'pipelines cannot be read by your role'));
    return errors;
  }
  const named = [
    ...new Set(
      naming
        .map((r) => r.deal!.pipelineId)
        .filter(Boolean)
        .map(String),
    ),
  ];
  const found = await pipelinesNamed(ctx, tx, pipelines, named);
  const fallback = found.find((p) => p.is_default);
  for (const r of naming) {
    const deal = r.deal!;
    const asked = deal.pipelineId === undefined ? null : String(deal.pipelineId);
    const pipeline = asked
      ? found.find((p) => p.id === asked.toLowerCase() || keyText(p.name) === keyText(asked))
      : fallback;
    if (!pipeline) {
      if (asked) refuse(r, 'pipelineId', `Pipeline '${asked}' is not a pipeline of this workspace`);
      else refuse(r, 'pipelineId', 'is required: the workspace has no default pipeline');
      continue;
    }
    deal.pipelineId = pipeline.id;
    if (deal.stageId === undefined) continue;
    const stageText = String(deal.stageId);
    const stage = pipeline.stages.find(
      (s) => s.id === stageText.toLowerCase() || keyText(s.name) === keyText(stageText),
    );
    if (stage) deal.stageId = stage.id;
    else refuse(r, 'stageId', `Stage '${stageText}' is not a stage of pipeline ${pipeline.name}`);
  }
  return errors;
}

/** A deal's key in a file: its name in any case, within its account. */
export const dealKey = (name: unknown, accountId: unknown) =>
  `${keyText(name)}\u0001${typeof accountId === 'string' ? accountId : ''}`;

export interface FoundDeal {
  id: string;
  contacts: DealContact[];
}

/**
 * The live deals with these keys (name without case within the account), the oldest for each key, as
 * the importer may see them. Read by account (`deals_account_idx`); deals with no account are few.
 */
export async function findDeals(
  ctx: RequestContext,
  tx: Executor,
  deals: ResolvedObject,
  keys: string[],
): Promise<Map<string, FoundDeal>> {
  if (keys.length === 0) return new Map();
  const t = tableAlias(deals.alias);
  const f = (name: string) => deals.fields.get(name)!.expr;
  const key = sql`lower(${f('name')}) || chr(1) || coalesce(${f('accountId')}::text, '')`;
  const accountIds = [...new Set(keys.map((k) => k.split('\u0001')[1]).filter(Boolean))];
  const withoutAccount = keys.some((k) => k.endsWith('\u0001'));
  const found = await rows<{ id: string; k: string; contacts: DealContact[] | null }>(
    tx,
    sql`SELECT DISTINCT ON (${key}) ${t}.id, ${key} AS k, ${f('contacts')} AS contacts FROM ${tableOf(deals)}
      WHERE ${sql.join(
        [
          ...baseConditions(ctx, deals),
          sql`(${f('accountId')} = ANY(${`{${accountIds.join(',')}}`}::uuid[])${withoutAccount ? sql` OR ${f('accountId')} IS NULL` : sql``})`,
          sql`${key} = ANY(${textArray(keys)}::text[])`,
        ],
        sql` AND `,
      )}
      ORDER BY ${key}, ${t}.id`,
  );
  return new Map(found.map((r) => [r.k, { id: r.id, contacts: r.contacts ?? [] }]));
}

/** The deal to create for the rows of one key: the first row's values, its account, every row's contact. */
export function newDeal(rowsOfKey: { r: RowValues; contactId: string }[]): Values {
  const [{ r }] = rowsOfKey;
  return {
    ...r.deal!,
    ...(r.values.accountId ? { accountId: r.values.accountId } : {}),
    contacts: withContacts([], rowsOfKey),
  };
}

/** A deal's contacts with these rows' contacts added, each once (a contact already there keeps its role). */
export function withContacts(
  contacts: DealContact[],
  rowsOfKey: { r: RowValues; contactId: string }[],
): DealContact[] {
  const out = [...contacts];
  for (const { r, contactId } of rowsOfKey)
    if (!out.some((c) => c.contactId === contactId)) out.push({ contactId, role: r.role });
  return out;
}
