/**
 * Bulk writes of one process take turns: at most `size` run at once and the others wait, first come
 * first served. A thousand-row write holds its records, their SQL and their answer while it runs, so
 * this bounds the server's memory whatever the number of clients sending bulk bodies at once (and a
 * 2-core database gains nothing from more of them in parallel).
 */
export class BulkSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
