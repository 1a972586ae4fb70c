import type { FilterNode } from '../../../common/pagination';
import { TookTooLong, ValidationFailed } from '../../../common/errors';
import { isQueryCancelled, timeBound } from '../../../server/db/timeBound';
import {
  aggregateRecords,
  type AggregateRequest,
  type RequestContext,
  type ResolvedObject,
} from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import type { ReportAnswer, ReportQuery } from '../contract';
import { reportLabels } from './reportLabels';

/** A report's range may span at most this many years: a longer one is a mistake, and an unbounded scan. */
export const maxRangeYears = 20;
/** At most this many date buckets: a chart of more is unreadable, and the groups would be capped. */
export const maxBuckets = 1000;

const bucketDays = { day: 1, week: 7, month: 30.4, quarter: 91.3, year: 365.25 } as const;

function refuse(path: string, message: string): never {
  throw new ValidationFailed(`Invalid report at ${path}: ${message}`, [{ path, message }]);
}

/** The range's span and buckets are bounded; grouping by a date bucket needs a range to be bounded. */
function checkBounds(query: ReportQuery): void {
  const buckets = (query.groupBy ?? []).flatMap((g, i) =>
    typeof g === 'object' && g.bucket ? [{ ...g, i }] : [],
  );
  if (!query.range) {
    if (buckets.length)
      refuse(
        `groupBy.${buckets[0].i}.bucket`,
        'grouping by date buckets needs a range (range: {field, from, to})',
      );
    return;
  }
  const { from, to } = query.range;
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days < 1) refuse('range.to', 'must not be before range.from');
  if (days > maxRangeYears * 366)
    refuse(
      'range',
      `spans ${Math.round(days / 365.25)} years; a report covers at most ${maxRangeYears} years`,
    );
  for (const b of buckets) {
    const count = Math.ceil(days / bucketDays[b.bucket!]);
    if (count > maxBuckets)
      refuse(
        `groupBy.${b.i}.bucket`,
        `the range holds about ${count} ${b.bucket} buckets; at most ${maxBuckets}: choose a larger bucket or a shorter range`,
      );
  }
}

/** The day after a bucket that starts on `start` (YYYY-MM-DD). */
export function bucketEnd(start: string, bucket: keyof typeof bucketDays): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (bucket === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (bucket === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else if (bucket === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else if (bucket === 'quarter') d.setUTCMonth(d.getUTCMonth() + 3);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

/** The report's own filter: its filter and its range, on the range's field (a day range includes `to`). */
function reportFilter(query: ReportQuery, object: ResolvedObject): FilterNode[] {
  const parts: FilterNode[] = query.filter ? [query.filter as FilterNode] : [];
  if (query.range) {
    const { field, from, to } = query.range;
    const datetime = object.fields.get(field)?.spec.type === 'datetime';
    const end = bucketEnd(to, 'day');
    parts.push({ field, op: 'gte', value: datetime ? `${from}T00:00:00Z` : from });
    parts.push({ field, op: 'lt', value: datetime ? `${end}T00:00:00Z` : end });
  }
  return parts;
}

/** The records behind one row: the report's filter with the row's group values. */
function drillFilter(
  base: FilterNode[],
  query: ReportQuery,
  object: ResolvedObject,
  group: Record<string, unknown>,
): FilterNode {
  const parts = [...base];
  for (const item of query.groupBy ?? []) {
    const spec = typeof item === 'string' ? { field: item } : item;
    const value = group[spec.field];
    if (value === null || value === undefined) parts.push({ field: spec.field, op: 'isNull', value: true });
    else if (spec.bucket) {
      const datetime = object.fields.get(spec.field)?.spec.type === 'datetime';
      const start = String(value);
      const end = bucketEnd(start, spec.bucket);
      parts.push({ field: spec.field, op: 'gte', value: datetime ? `${start}T00:00:00Z` : start });
      parts.push({ field: spec.field, op: 'lt', value: datetime ? `${end}T00:00:00Z` : end });
    } else parts.push({ field: spec.field, op: 'eq', value });
  }
  return { and: parts };
}

/**
 * Runs a report through the engine's aggregate, for the caller's role: hidden fields are unknown (a 400
 * naming them) and only records the caller may see count. Each row carries its drill-down filter.
 * Its statements are stopped after `RAPPORT_REPORT_TIMEOUT_MS` (on PostgreSQL): a 503 that says what to narrow.
 */
export async function runReport(
  ctx: RequestContext,
  platform: Pick<Platform, 'registry' | 'settings'>,
  query: ReportQuery,
): Promise<ReportAnswer> {
  const objects = await platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
  const object = objects.get(query.object);
  if (!object) refuse('object', `no object named ${query.object}`);
  checkBounds(query);
  const base = reportFilter(query, object);
  const request: AggregateRequest = {
    filter: base.length ? { and: base } : undefined,
    groupBy: query.groupBy,
    measures: query.measures,
  };
  const bounded = { ...ctx, db: timeBound(ctx.db, platform.settings.RAPPORT_REPORT_TIMEOUT_MS) };
  try {
    const result = await aggregateRecords(bounded, object, request);
    const data = result.groups.map((json) => {
      const row = JSON.parse(json) as { group: Record<string, unknown>; values: unknown[] };
      return { ...row, drill: drillFilter(base, query, object, row.group) };
    });
    const labels = await reportLabels(
      bounded,
      object,
      query,
      data.map((row) => row.group),
    );
    return { data, capped: result.capped, labels };
  } catch (error) {
    if (isQueryCancelled(error))
      throw new TookTooLong('This report took too long: narrow its period or filters');
    throw error;
  }
}
