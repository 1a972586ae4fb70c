/** Latency figures of one measured operation at one concurrency. */
export interface Figures {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  requestsPerSecond: number;
  requests: number;
  errors: number;
  /** records written per second, for bulk operations */
  recordsPerSecond?: number;
  /** CPU the server process used per 2xx answer, in ms (HTTP measurements): unlike latency, barely moved by other work on the machine. */
  serverCpuMs?: number;
  /** the server's highest RSS during the measurement, in MB: which operations the memory peak comes from */
  serverRssMb?: number;
}

export function figuresOf(
  latencies: number[],
  seconds: number,
  errors: number,
  recordsPerRequest = 0,
): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
  const round = (n: number) => Math.round(n * 100) / 100;
  const rps = sorted.length / seconds;
  const figures: Figures = {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    requestsPerSecond: round(rps),
    requests: sorted.length,
    errors,
  };
  if (recordsPerRequest) figures.recordsPerSecond = Math.round(rps * recordsPerRequest);
  return figures;
}

/**
 * Runs `work` from `concurrency` workers in a closed loop for `seconds`, as autocannon does over HTTP:
 * the in-process side of every API/raw comparison.
 */
export async function loop(
  concurrency: number,
  seconds: number,
  work: (n: number) => Promise<unknown>,
  recordsPerRequest = 0,
): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  let firstError: unknown;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          await work(n++);
          latencies.push(performance.now() - t);
        } catch (error) {
          errors++;
          firstError ??= error;
        }
      }
    }),
  );
  if (firstError)
    console.error('  first error:', firstError instanceof Error ? firstError.message : firstError);
  return figuresOf(latencies, (performance.now() - started) / 1000, errors, recordsPerRequest);
}
