import { useLocalStorage } from '@mantine/hooks';
import { useCallback } from 'react';
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
export const minColumnWidth = 72;
export const maxColumnWidth = 640;

/** On a phone each row is a card: its name, then a line per column with the column's name. */
export const cardHeight = (columns: number) => 16 + 28 + 24 * Math.max(0, columns - 1);

const clampWidth = (width: number) => Math.min(maxColumnWidth, Math.max(minColumnWidth, Math.round(width)));

/** A column's width: the one the user dragged it to (kept per object in this browser), or its type's. */
export type WidthOf = (field: FieldMeta) => number;

export function useColumnWidths(object: string, titleField: string) {
  const [chosen, setChosen] = useLocalStorage<Record<string, number>>({
    key: `rapport:columns:${object}`,
    defaultValue: {},
    getInitialValueInEffect: false,
  });
  const widthOf = useCallback<WidthOf>(
    (field) => {
      const width = chosen[field.name];
      return typeof width === 'number' && Number.isFinite(width)
        ? clampWidth(width)
        : columnWidth(field, field.name === titleField);
    },
    [chosen, titleField],
  );
  const resize = useCallback(
    (name: string, width: number) => setChosen((current) => ({ ...current, [name]: clampWidth(width) })),
    [setChosen],
  );
  return { widthOf, resize };
}
