import { screenFlag } from './screenFlag';

/** Whether the command palette is open: Ctrl/⌘ K and the header's search box open it. */
export const commandPalette = screenFlag();

export interface PaletteItem {
  key: string;
  group: 'Do' | 'Records' | 'Create' | 'Go to';
  label: string;
  description?: string;
  /** the object's name, shown as a badge on records */
  badge?: string;
  object: string;
  kind: 'command' | 'record' | 'create' | 'go';
  run: () => void;
}

/** A printable key typed with no modifier: what the palette keeps while its box is not focused yet. */
export function isTypedCharacter(event: KeyboardEvent): boolean {
  return event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
}
