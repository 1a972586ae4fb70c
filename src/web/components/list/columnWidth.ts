import type { FieldMeta } from '../../../common/metadata';

const widths: Partial<Record<FieldMeta['type'], number>> = {
  boolean: 100,
  integer: 120,
  number: 130,
  money: 150,
  date: 130,
  datetime: 170,
  select: 160,
  address: 280,
  longtext: 280,
  email: 230,
  url: 210,
};

export function columnWidth(field: FieldMeta, isTitle: boolean): number {
  return isTitle ? 240 : (widths[field.type] ?? 180);
}

export const selectColumnWidth = 44;
export const rowHeight = 40;
