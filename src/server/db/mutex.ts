import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A FIFO lock: each `run` waits for the one before it to settle. PGlite runs in this thread and its
 * promises settle without I/O, so a caller that queues unit after unit (the event dispatcher after an
 * import) would otherwise hold the event loop with microtasks alone: each unit starts on a fresh turn,
 * after the I/O that arrived meanwhile (a request for the web app's files, a health check).
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const start = () => nextTurn().then(work);
    const result = this.tail.then(start, start);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
