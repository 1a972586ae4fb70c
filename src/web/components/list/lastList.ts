import { type ListSearch, listSearch } from './listSearch';

const key = (userId: string, object: string) => `rapport:list:${userId}:${object}`;

/** What the user last had on screen in this object's list, to open it again when they come back. */
export function readLastList(userId: string, object: string): ListSearch | null {
  try {
    const stored = localStorage.getItem(key(userId, object));
    if (!stored) return null;
    const parsed = listSearch.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    // Storage may be off (private mode) or hold something unreadable: start from the default.
    return null;
  }
}

export function rememberLastList(userId: string, object: string, search: ListSearch): void {
  try {
    localStorage.setItem(key(userId, object), JSON.stringify(search));
  } catch {
    // Storage may be full or off: the list works, it just will not be remembered.
  }
}
