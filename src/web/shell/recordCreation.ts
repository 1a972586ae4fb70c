import { useSyncExternalStore } from 'react';

/** Which "new record" form is open, kept outside React so shortcuts and the palette can open it. */
export interface RecordCreation {
  object: string;
  prefill: Record<string, unknown>;
}

let current: RecordCreation | null = null;
const listeners = new Set<() => void>();

function publish(next: RecordCreation | null): void {
  current = next;
  listeners.forEach((listener) => listener());
}

export function openRecordCreation(object: string, prefill: Record<string, unknown> = {}): void {
  publish({ object, prefill });
}

export function closeRecordCreation(): void {
  publish(null);
}

export function useRecordCreation(): RecordCreation | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
