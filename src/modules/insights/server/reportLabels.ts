import {
  linkedRecordsPath,
  lookUpNames,
  type RequestContext,
  type ResolvedField,
  type ResolvedObject,
} from '../../../server/engine';
import type { ReportLabels, ReportQuery } from '../contract';

const measureWords: Record<string, string> = {
  sum: 'Sum',
  avg: 'Average',
  min: 'Lowest',
  max: 'Highest',
  median: 'Median',
  distinctCount: 'Distinct',
};

/** The field a report path names (`amount`, or `accountId.industry` through a reference), and its object. */
function fieldAt(
  object: ResolvedObject,
  path: string,
): { owner: ResolvedObject; field: ResolvedField } | null {
  const [head, ...rest] = path.split('.');
  const field = object.fields.get(head);
  if (!field) return null;
  if (rest.length === 0) return { owner: object, field };
  const peer = field.spec.reference ? object.peers.get(field.spec.reference) : undefined;
  return peer ? fieldAt(peer, rest.join('.')) : null;
}

/** A path as people read it: `Account › Industry`, or `Related to › Contact` for an activity's linked contacts. */
function pathLabel(object: ResolvedObject, path: string): string {
  const linked = linkedRecordsPath(object, path);
  if (linked) return `${linked.field.spec.label} › ${linked.target.declaration.label}`;
  const parts = path.split('.');
  const labels: string[] = [];
  let at: ResolvedObject | undefined = object;
  for (const part of parts) {
    const field: ResolvedField | undefined = at?.fields.get(part);
    labels.push(field?.spec.label ?? part);
    at = field?.spec.reference ? at?.peers.get(field.spec.reference) : undefined;
  }
  return labels.join(' › ');
}

/** The names of the linked records a grouping by `links.contacts` shows, as the caller may see them. */
async function linkedNames(
  ctx: RequestContext,
  object: ResolvedObject,
  path: string,
  groups: Record<string, unknown>[],
): Promise<Record<string, string> | null> {
  const linked = linkedRecordsPath(object, path);
  if (!linked) return null;
  const links = groups.flatMap((g) =>
    typeof g[path] === 'string' ? [{ object: linked.target.name, id: g[path] }] : [],
  );
  const names = await lookUpNames(ctx, object, [{ [linked.field.name]: links }]);
  return Object.fromEntries(names.get(linked.target.name) ?? []);
}

/**
 * A report's headings and its grouped values in words: fields by their labels, choices by their option
 * labels, references by the names of the records or users (looked up with the caller's visibility),
 * yes or no. Values it cannot name (a record the caller may not see) keep what they are.
 */
export async function reportLabels(
  ctx: RequestContext,
  object: ResolvedObject,
  query: ReportQuery,
  groups: Record<string, unknown>[],
): Promise<ReportLabels> {
  const grouped = (query.groupBy ?? []).map((g) => (typeof g === 'string' ? { field: g } : g));
  const columns = [
    ...grouped.map((g) => `${pathLabel(object, g.field)}${g.bucket ? ` (${g.bucket})` : ''}`),
    ...query.measures.map((m) =>
      m.field ? `${measureWords[m.fn] ?? m.fn} of ${pathLabel(object, m.field)}` : 'Count',
    ),
  ];
  const values: ReportLabels['values'] = {};
  for (const { field: path, bucket } of grouped) {
    const linked = bucket ? null : await linkedNames(ctx, object, path, groups);
    if (linked) {
      values[path] = linked;
      continue;
    }
    const found = bucket ? null : fieldAt(object, path);
    if (!found) continue;
    const { owner, field } = found;
    const words: Record<string, string> = {};
    if (field.spec.options) for (const o of field.spec.options) words[o.value] = o.label;
    else if (field.spec.type === 'boolean') Object.assign(words, { true: 'Yes', false: 'No' });
    else if (field.spec.type === 'reference' && field.spec.reference) {
      const names = await lookUpNames(
        ctx,
        owner,
        groups.map((g) => ({ [field.name]: g[path] })),
      );
      for (const [id, name] of names.get(field.spec.reference) ?? []) words[id] = name;
    } else continue;
    values[path] = words;
  }
  return { columns, values };
}
