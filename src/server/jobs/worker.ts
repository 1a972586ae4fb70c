import type PgBoss from 'pg-boss';
import type { JobData, JobHandler } from './queue';

export interface WorkerTuning {
  /** Jobs taken per fetch; a full batch is followed at once by the next fetch. */
  batchSize: number;
  /** The wait after a fetch that found nothing. */
  pollingMs: number;
}

type Outcome = { id: string; error: string | null };

/**
 * Takes jobs of one queue in batches and runs each with its own time limit, so one job that throws
 * or hangs fails (and is retried) alone. Jobs still running at stop are failed, and so retried
 * at once by whichever process runs the queue next.
 */
export class QueueWorker {
  private stopping = false;
  private loop: Promise<void> = Promise.resolve();
  private running = new Set<string>();
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly boss: PgBoss,
    readonly name: string,
    private readonly handler: JobHandler<JobData>,
    private readonly tuning: WorkerTuning,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  /** Looks for jobs now instead of at the end of the polling wait. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([this.loop, grace]);
    for (const id of this.running) await this.boss.fail(this.name, id, { message: 'stopped while running' });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let jobs: PgBoss.JobWithMetadata<JobData>[] = [];
      try {
        jobs = await this.boss.fetch<JobData>(this.name, {
          batchSize: this.tuning.batchSize,
          includeMetadata: true,
        });
        if (jobs.length) await this.settle(await Promise.all(jobs.map((job) => this.attempt(job))));
      } catch (error) {
        this.onError(error);
      }
      if (jobs.length < this.tuning.batchSize && !this.stopping) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, this.tuning.pollingMs);
      this.wakeUp = done;
    });
  }

  private async attempt(job: PgBoss.JobWithMetadata<JobData>): Promise<Outcome> {
    const limitMs = Number(job.expireInSeconds) * 1000;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`expired: still running after ${limitMs / 1000}s`));
      }, limitMs);
    });
    this.running.add(job.id);
    try {
      await Promise.race([
        this.handler(job.data, { id: job.id, attempt: job.retryCount + 1, signal: abort.signal }),
        expired,
      ]);
      return { id: job.id, error: null };
    } catch (error) {
      return { id: job.id, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
      this.running.delete(job.id);
    }
  }

  private async settle(outcomes: Outcome[]): Promise<void> {
    const done = outcomes.filter((o) => o.error === null).map((o) => o.id);
    if (done.length) await this.boss.complete(this.name, done);
    for (const o of outcomes)
      if (o.error !== null) await this.boss.fail(this.name, o.id, { message: o.error });
  }
}
