import { useSyncExternalStore } from 'react';

/** An on/off state of the shell (a dialog open or not) that shortcuts and buttons anywhere can set. */
export function screenFlag() {
  let on = false;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    set(next: boolean): void {
      on = next;
      listeners.forEach((l) => l());
    },
    get: () => on,
    use: () => useSyncExternalStore(subscribe, () => on),
  };
}
