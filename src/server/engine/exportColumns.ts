import { addressColumns, addressPartLabels } from '../../common/address';
import type { NameBook } from './exportNames';
import type { ListRequest } from './read';
import type { ResolvedField, ResolvedObject } from './resolved';

type Row = Record<string, unknown>;

/** One column of an export: its header and how a record (with the names its page refers to) fills it. */
export interface ExportColumn {
  label: string;
  cell(record: Row, names: NameBook): unknown;
}

type Link = { object: string; id: string };
const linksOf = (value: unknown) => ([value].flat() as (Link | null)[]).filter((l): l is Link => !!l);

/**
 * A field as the columns a person reads in a spreadsheet: names instead of ids (the ids in a column
 * of their own), option labels instead of values, an address part by part, yes or no.
 */
function columnsOfField(field: ResolvedField): ExportColumn[] {
  const { name, spec } = field;
  const label = spec.label;
  if (name === 'id') return [{ label: 'ID', cell: (r) => r.id }];
  if (spec.type === 'reference' && spec.reference) {
    const target = spec.reference;
    return [
      { label, cell: (r, names) => names.get(target)?.get(r[name] as string) },
      { label: `${label} ID`, cell: (r) => r[name] },
    ];
  }
  if (field.kind.isLink)
    return [
      {
        label,
        cell: (r, names) => linksOf(r[name]).map((l) => names.get(l.object)?.get(l.id) ?? l.id),
      },
      { label: `${label} ID`, cell: (r) => linksOf(r[name]).map((l) => `${l.object}/${l.id}`) },
    ];
  if (spec.type === 'address')
    return addressColumns.map((part) => ({
      label: `${label}: ${addressPartLabels[part]}`,
      cell: (r) => (r[name] as Record<string, unknown> | null)?.[part],
    }));
  if (spec.options?.length) {
    const labels = new Map(spec.options.map((o) => [o.value, o.label]));
    const word = (v: unknown) => labels.get(v as string) ?? v;
    return [{ label, cell: (r) => (Array.isArray(r[name]) ? r[name].map(word) : word(r[name])) }];
  }
  if (spec.type === 'boolean')
    return [{ label, cell: (r) => (r[name] === true ? 'Yes' : r[name] === false ? 'No' : null) }];
  return [{ label, cell: (r) => r[name] }];
}

/** The columns of an export: the fields asked for (the id first), or every live field the reader may see. */
export function exportColumns(object: ResolvedObject, request: ListRequest): ExportColumn[] {
  const wanted = request.fields?.length
    ? request.fields
    : [...object.fields.values()].filter((f) => !f.retired).map((f) => f.name);
  return ['id', ...wanted.filter((n) => n !== 'id')].flatMap((n) => {
    const field = object.fields.get(n);
    return field ? columnsOfField(field) : [];
  });
}
