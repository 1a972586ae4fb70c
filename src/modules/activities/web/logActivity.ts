import { useSyncExternalStore } from 'react';
import type { ActivityType } from '../contract';

/** The activity types the quick form logs. */
export const loggedTypes = ['call', 'note', 'meeting', 'task'] as const satisfies readonly ActivityType[];
export type LoggedType = (typeof loggedTypes)[number];

/** The objects whose pages log activities against the record shown. */
export const loggableObjects = ['accounts', 'contacts', 'deals', 'orders'];

export interface LogRequest {
  type: LoggedType;
  object: string;
  id: string;
}

let current: LogRequest | null = null;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** Opens the "Log activity" form against a record; the record page's timeline shows it. */
export const logActivity = {
  open(request: LogRequest | null): void {
    current = request;
    listeners.forEach((l) => l());
  },
  use: () => useSyncExternalStore(subscribe, () => current),
};
