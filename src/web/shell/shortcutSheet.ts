import { screenFlag } from './screenFlag';

export interface ShortcutDescription {
  keys: string[];
  action: string;
}

/** Every shortcut the app answers to, listed once so the `?` sheet cannot drift from the code. */
export const shortcuts: ShortcutDescription[] = [
  { keys: ['Ctrl/⌘', 'K'], action: 'Open the command palette: search everything, create anything' },
  { keys: ['N'], action: 'New record of the object you are looking at' },
  { keys: ['E'], action: 'Edit the record you are looking at' },
  { keys: ['Ctrl/⌘', 'S'], action: 'Save the form you are editing' },
  { keys: ['J'], action: 'Next record of the list you came from' },
  { keys: ['K'], action: 'Previous record of the list you came from' },
  { keys: ['/'], action: 'Search within the current list' },
  { keys: ['Esc'], action: 'Close a dialog or cancel an edit' },
  { keys: ['?'], action: 'Show this list' },
];

const sheet = screenFlag();
export const setShortcutSheetOpen = sheet.set;
export const useShortcutSheetOpen = sheet.use;
