import { type ComponentType, lazy, type LazyExoticComponent } from 'react';

/**
 * A named export loaded on first render, so a module's index can contribute its screens without
 * pulling them into the first download; render it inside a Suspense boundary.
 */
export function lazyComponent<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
