import { ValidationFailed } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import {
  getRecordJson,
  type Registry,
  type RequestContext,
  type ResolvedObject,
} from '../../../server/engine';
import {
  activityTypeLabels,
  activityTypes,
  interactionTypes,
  type ActivityType,
  type TimelineEntry,
  type TimelinePage,
  type TimelineQuery,
} from '../contract';
import { timelineQuery, type TimelineRow, type TimelineSources } from './timelineSql';

/** An account's timeline also shows what happened with its contacts and its deals. */
const relatedOf: Record<string, { object: string; via: string }[]> = {
  accounts: [
    { object: 'contacts', via: 'accountId' },
    { object: 'deals', via: 'accountId' },
  ],
};

/** Stage moves have entries of their own; computed and system values change by themselves. */
const notOnTimeline: Record<string, string[]> = { deals: ['stageId'] };
/** What a stage move changes by itself is part of the move's entry, not a change of its own. */
const followers = new Map([
  ['deals', { cause: 'stageId', fields: ['probability', 'forecastCategory', 'pipelineId'] }],
]);

function timelineFields(object: ResolvedObject): string[] {
  const left = new Set(notOnTimeline[object.name] ?? []);
  return [...object.fields.values()]
    .filter(
      (f) => f.spec.timeline !== false && !f.spec.readOnly && !f.computed && !f.retired && !left.has(f.name),
    )
    .map((f) => f.name);
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(at) || !/^[0-9a-f-]{36}$/.test(id))
    throw new ValidationFailed('The cursor is not valid', [{ path: 'cursor', message: 'not a cursor' }]);
  return { at, id };
}
const encodeCursor = (row: TimelineRow) => Buffer.from(`${row.position}|${row.id}`).toString('base64url');

/** Which activity types a page shows (null: all), and whether it shows changes and stage moves. */
function selection(query: TimelineQuery) {
  const types = query.types && query.types.length ? new Set(query.types) : null;
  let activityTypesShown: ActivityType[] | null = null;
  if (types && !types.has('activity')) activityTypesShown = activityTypes.filter((t) => types.has(t));
  if (query.interactionsOnly)
    activityTypesShown = (activityTypesShown ?? [...activityTypes]).filter((t) =>
      interactionTypes.includes(t),
    );
  const anyActivity = !types || types.has('activity') || (activityTypesShown?.length ?? 0) > 0;
  // Only activities have a channel: a channel filter leaves changes and stage moves out.
  const changes = !query.interactionsOnly && !query.channel;
  return {
    activityTypes: activityTypesShown,
    activities: anyActivity && (activityTypesShown === null || activityTypesShown.length > 0),
    fieldChanges: changes && (!types || types.has('fieldChange')),
    stageChanges: changes && (!types || types.has('stageChange')),
  };
}

function entryOf(row: TimelineRow, objects: Map<string, ResolvedObject>): TimelineEntry {
  const actor =
    row.actor_name !== null
      ? { type: row.actor_type ?? 'user', id: row.actor_id, name: row.actor_name }
      : undefined;
  const base = {
    kind: row.kind,
    at: row.at,
    object: row.object,
    id: row.record_id,
    ...(actor ? { actor } : {}),
  };
  if (row.kind === 'activity') {
    const type = row.type as ActivityType;
    return {
      ...base,
      title: row.subject || activityTypeLabels[type],
      type,
      direction: row.direction as TimelineEntry['direction'],
      done: row.done ?? false,
      excerpt: row.excerpt?.trim() || null,
      links: row.links ?? [],
      attachments: row.attachments ?? [],
    };
  }
  const object = objects.get(row.object);
  const label = object?.declaration.label ?? row.object;
  if (row.kind === 'stageChange')
    return {
      ...base,
      title: `${label} moved to ${row.stage_name ?? 'a removed stage'}`,
      toStage: row.stage_name,
    };
  const changes = row.changes ?? [];
  const names = changes.map((c) => object?.fields.get(c.field)?.spec.label ?? c.field);
  return {
    ...base,
    title: row.created ? `${label} created` : `${label} changed: ${names.join(', ')}`,
    changes,
  };
}

/** A record's timeline, newest first; a record the caller may not see is a 404. */
export async function timeline(
  ctx: RequestContext,
  registry: Registry,
  objectName: string,
  id: string,
  query: TimelineQuery,
): Promise<TimelinePage> {
  const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
  const object = await registry.object(ctx.db, ctx.workspace, objectName, ctx.role);
  await getRecordJson(ctx, object, id);
  const shown = selection(query);
  const related = (relatedOf[objectName] ?? []).flatMap(({ object: name, via }) => {
    const found = objects.get(name);
    return found ? [{ object: found.as('r'), via }] : [];
  });
  const sources: TimelineSources = {
    record: { object, id },
    related,
    activities: shown.activities ? (objects.get('activities') ?? null) : null,
    activityTypes: shown.activityTypes,
    channel: query.channel?.toLowerCase() ?? null,
    timelineFields: shown.fieldChanges
      ? new Map([object, ...related.map((r) => r.object)].map((o) => [o.name, timelineFields(o)]))
      : null,
    followers,
    stageChanges:
      shown.stageChanges && (objectName === 'deals' || related.some((r) => r.object.name === 'deals')),
    cursor: query.cursor ? decodeCursor(query.cursor) : null,
    limit: query.limit,
  };
  if (!sources.activities && !sources.timelineFields && !sources.stageChanges)
    return { data: [], nextCursor: null };
  const found = await ctx.db.read((x) => rows<TimelineRow>(x, timelineQuery(ctx, sources)));
  const page = found.slice(0, query.limit);
  return {
    data: page.map((row) => entryOf(row, objects)),
    nextCursor: found.length > query.limit ? encodeCursor(page[page.length - 1]) : null,
  };
}
