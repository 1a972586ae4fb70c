/** The ids of the list a record page was opened from, so J/K can step through it. */
const storageKey = 'rapport.listOrder';

export function rememberListOrder(object: string, ids: string[]): void {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify({ object, ids }));
  } catch {
    // Storage may be full or disabled; stepping through records is then unavailable, nothing else breaks.
  }
}

export function neighbourRecord(object: string, id: string, step: 1 | -1): string | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as {
      object: string;
      ids: string[];
    } | null;
    if (!stored || stored.object !== object) return null;
    const index = stored.ids.indexOf(id);
    if (index < 0) return null;
    return stored.ids[index + step] ?? null;
  } catch {
    return null;
  }
}
