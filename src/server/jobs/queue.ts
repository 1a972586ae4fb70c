import PgBoss from 'pg-boss';
import { v5 as uuidv5 } from 'uuid';
import type { Database, Executor } from '../db/database';
import { queueConnection, transactionConnection } from './connection';
import { QueueWorker, type WorkerTuning } from './worker';

/**
 * pg-boss makes each queue a partition of one job table: two processes creating queues at the same
 * moment (servers starting together) can deadlock on it. PostgreSQL rolls one back; it tries again.
 */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 50));
    }
  }
}

/** A job's payload: a JSON object. Tenant jobs carry `workspaceId`, which is what admins see them by. */
export type JobData = { workspaceId?: string } & Record<string, unknown>;

export interface JobRun {
  id: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /** Aborted when the job's time limit passes: stop work that is no longer awaited. */
  signal: AbortSignal;
}

/**
 * Runs one job. Delivery is at least once: a job may run again after a crash, a time-out or a stop
 * even when an earlier run did its work, so a handler must be idempotent (check before acting, write
 * with natural keys or ON CONFLICT). Throwing fails the run; it is retried until its limit.
 */
export type JobHandler<T extends JobData> = (data: T, run: JobRun) => Promise<void>;

export interface JobOptions {
  /** Retries after the first failure before the job stays failed. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled (with jitter) on each retry when `backoff`. */
  retryDelaySeconds?: number;
  backoff?: boolean;
  /** A run still going after this long is failed and retried; so is one whose process died. */
  expireInSeconds?: number;
  /**
   * Jobs of this queue taken and run at once (default the queue's tuning, 50): light handlers (event
   * deliveries, notifications) keep up with deep queues at 500 or more; heavy ones (imports) want few.
   */
  batchSize?: number;
  /**
   * `stately`: at most one queued and one running job per `singletonKey`, so a repeated request
   * for the same work (analyze a table) while one is waiting is dropped.
   */
  policy?: 'standard' | 'stately';
  /** Also run on this cron schedule (UTC), once across all processes, while the queue runs. */
  cron?: string;
}

export interface SendOptions {
  /** When to run: a time, or seconds from now. */
  startAfter?: Date | number;
  /** Sends at most one job per key and queue while that job is kept (an idempotency key). */
  key?: string;
  /** With the queue's `stately` policy: the work this job stands for; a send while one waits answers null. */
  singletonKey?: string;
}

/** The durable job queue every part of the app uses: jobs live in the database, never in memory only. */
export interface Jobs {
  define<T extends JobData>(name: string, handler: JobHandler<T>, options?: JobOptions): void;
  /** Answers the job's id, or null when a job with the same key already exists. */
  send(name: string, data: JobData, options?: SendOptions): Promise<string | null>;
  /** Sends many jobs in one statement. */
  sendMany(name: string, items: { data: JobData; options?: SendOptions }[]): Promise<void>;
  /** Sends `{name, data}` on a cron schedule (UTC), once across all processes. */
  schedule(name: string, cron: string, data?: JobData): Promise<void>;
  /** Runs the defined handlers, maintenance (expiry, archive) and cron in this process. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface QueueTuning extends WorkerTuning {
  /** How often this process expires jobs whose process died (shared across processes). */
  maintenanceIntervalSeconds: number;
  /** How long stop waits for running jobs before failing them for a retry. */
  stopGraceMs: number;
}

const defaultTuning: QueueTuning = {
  batchSize: 50,
  pollingMs: 1000,
  maintenanceIntervalSeconds: 60,
  stopGraceMs: 10_000,
};
const defaultJobOptions: Required<Omit<JobOptions, 'batchSize' | 'cron'>> &
  Pick<JobOptions, 'batchSize' | 'cron'> = {
  policy: 'standard',
  retryLimit: 5,
  retryDelaySeconds: 10,
  backoff: true,
  expireInSeconds: 300,
};
// Keyed jobs get an id derived from queue and key; pg-boss keeps the first of equal ids.
const keyNamespace = 'b3a6f3c2-5a3e-4d0e-9a57-4f0c8d1e2a61';

interface Definition {
  handler: JobHandler<JobData>;
  options: typeof defaultJobOptions;
}

/** The pg-boss schema is created the first time a job is sent, listed or run, not at app start. */
export class JobQueue implements Jobs {
  readonly boss: PgBoss;
  private readonly tuning: QueueTuning;
  private readonly definitions = new Map<string, Definition>();
  private readonly workers = new Map<string, QueueWorker>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly tasks: { everyMs: number; work: () => Promise<void> }[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private installing: Promise<void> | null = null;
  private running = false;

  constructor(
    db: Database,
    private readonly onError: (error: unknown) => void,
    tuning: Partial<QueueTuning> = {},
  ) {
    this.tuning = { ...defaultTuning, ...tuning };
    this.boss = new PgBoss({
      db: queueConnection(db),
      maintenanceIntervalSeconds: this.tuning.maintenanceIntervalSeconds,
    });
    this.boss.on('error', onError);
  }

  define<T extends JobData>(name: string, handler: JobHandler<T>, options: JobOptions = {}): void {
    if (this.definitions.has(name)) throw new Error(`Job ${name} is defined twice`);
    this.definitions.set(name, {
      handler: handler as JobHandler<JobData>,
      options: { ...defaultJobOptions, ...options },
    });
    if (this.running) void this.work(name).catch(this.onError);
  }

  /** Runs `work` every `everyMs` while the queue runs (the outbox dispatcher). */
  every(everyMs: number, work: () => Promise<void>): void {
    this.tasks.push({ everyMs, work });
    if (this.running) this.repeat(everyMs, work);
  }

  async send(name: string, data: JobData, options: SendOptions = {}): Promise<string | null> {
    await this.ready(name);
    const id = await this.boss.send(name, data, this.sendOptions(name, options));
    this.wake(name);
    return id;
  }

  async sendMany(name: string, items: { data: JobData; options?: SendOptions }[]): Promise<void> {
    await this.ready(name);
    await this.boss.insert(items.map((item) => this.insertion(name, item.data, item.options)));
    this.wake(name);
  }

  /** Inserts jobs in the caller's transaction: they exist only if it commits. Their queues must be ready. */
  async sendInTransaction(tx: Executor, jobs: { name: string; data: JobData }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(
      jobs.map((job) => this.insertion(job.name, job.data)),
      { db: transactionConnection(tx) },
    );
  }

  /** Looks for jobs of a queue now, after jobs were committed for it. */
  wake(name: string): void {
    this.workers.get(name)?.wake();
  }

  async schedule(name: string, cron: string, data: JobData = {}): Promise<void> {
    await this.ready(name);
    await this.boss.schedule(name, cron, data, { tz: 'UTC' });
  }

  /** Creates the queue (and, the first time, pg-boss's schema); later calls answer at once. */
  ready(name?: string): Promise<void> {
    this.installing ??= this.boss.start().then(() => undefined);
    if (!name) return this.installing;
    let queue = this.queues.get(name);
    if (!queue) {
      const o = this.definitions.get(name)?.options ?? defaultJobOptions;
      const settings = {
        name,
        policy: o.policy,
        retryLimit: o.retryLimit,
        retryDelay: o.retryDelaySeconds,
        retryBackoff: o.backoff,
        expireInSeconds: o.expireInSeconds,
      };
      queue = this.installing.then(() =>
        retryOnDeadlock(async () => {
          await this.boss.createQueue(name, settings);
          // A queue made by an older release keeps its settings unless told.
          await this.boss.updateQueue(name, settings);
        }),
      );
      this.queues.set(name, queue);
      queue.catch(() => this.queues.delete(name));
    }
    return queue;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.ready();
    for (const [name, { options }] of this.definitions) {
      await this.work(name);
      if (options.cron) await this.schedule(name, options.cron);
    }
    for (const task of this.tasks) this.repeat(task.everyMs, task.work);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
    const workers = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(workers.map((w) => w.stop(this.tuning.stopGraceMs)));
    if (this.installing) await this.boss.stop({ close: false, graceful: false });
  }

  private async work(name: string): Promise<void> {
    await this.ready(name);
    const definition = this.definitions.get(name);
    if (!definition || this.workers.has(name) || !this.running) return;
    const tuning = { ...this.tuning, batchSize: definition.options.batchSize ?? this.tuning.batchSize };
    const worker = new QueueWorker(this.boss, name, definition.handler, tuning, this.onError);
    this.workers.set(name, worker);
    worker.start();
  }

  private repeat(everyMs: number, work: () => Promise<void>): void {
    const next = () => {
      const timer = setTimeout(() => {
        this.timers.splice(this.timers.indexOf(timer), 1);
        work()
          .catch(this.onError)
          .finally(() => {
            if (this.running) next();
          });
      }, everyMs);
      this.timers.push(timer);
    };
    next();
  }

  private sendOptions(name: string, options: SendOptions): PgBoss.SendOptions {
    return {
      ...(options.key ? { id: uuidv5(`${name}\n${options.key}`, keyNamespace) } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter === undefined ? {} : { startAfter: options.startAfter }),
    };
  }

  private insertion(name: string, data: JobData, options: SendOptions = {}): PgBoss.JobInsert {
    const { id, startAfter, singletonKey } = this.sendOptions(name, options);
    return {
      name,
      data,
      ...(id ? { id } : {}),
      ...(singletonKey ? { singletonKey } : {}),
      ...(startAfter === undefined
        ? {}
        : {
            startAfter:
              startAfter instanceof Date ? startAfter.toISOString() : `${Number(startAfter)} seconds`,
          }),
    };
  }
}
