import type { Figures } from './measure';

export type Operation =
  'list' | 'deepList' | 'get' | 'search' | 'searchAfterBurst' | 'create' | 'bulkUpdate' | 'bulkCreate';

export const operationLabels: Record<Operation, string> = {
  list: 'list page (filter+sort, 50)',
  deepList: 'list page, deep keyset cursor',
  get: 'get by id',
  search: 'search',
  searchAfterBurst: 'search after 100k updates',
  create: 'create one contact',
  bulkUpdate: 'bulk update of 1,000',
  bulkCreate: 'bulk create of 1,000',
};

export interface Measured {
  api?: Figures;
  /** raw SQL through the driver for reads; the engine's write functions in-process for writes */
  baseline?: Figures;
  /** mean API latency / mean baseline latency at the same concurrency (= baseline req/s / API req/s) */
  ratio?: number;
}

export type Results = Partial<Record<Operation, Record<string, Measured>>>;

export interface Check {
  name: string;
  target: string;
  value: string;
  met: boolean;
}

function ratioOf(m: Measured): number | undefined {
  if (!m.api || !m.baseline || !m.api.mean || !m.baseline.mean) return undefined;
  return Math.round((m.api.mean / m.baseline.mean) * 100) / 100;
}

export function withRatios(results: Results): Results {
  for (const byConcurrency of Object.values(results))
    for (const m of Object.values(byConcurrency)) m.ratio = ratioOf(m);
  return results;
}

/** The targets of the brief, checked against the figures of this run (PostgreSQL ones are set for 1M contacts, PGlite's for 200k). */
export function checks(kind: 'postgres' | 'pglite', results: Results, memoryMaxMb: number): Check[] {
  const out: Check[] = [];
  const each = (op: Operation, fn: (c: string, m: Measured) => void) => {
    for (const [c, m] of Object.entries(results[op] ?? {})) fn(c, m);
  };
  const p95 = (op: Operation, limit: number) =>
    each(
      op,
      (c, m) =>
        m.api &&
        out.push({
          name: `${operationLabels[op]} p95, c=${c}`,
          target: `<= ${limit} ms`,
          value: `${m.api.p95} ms`,
          met: m.api.p95 <= limit && m.api.errors === 0,
        }),
    );
  if (kind === 'pglite') {
    p95('list', 25);
    p95('deepList', 25);
    return out;
  }
  p95('list', 15);
  p95('deepList', 15);
  p95('get', 5);
  p95('search', 50);
  p95('searchAfterBurst', 50);
  p95('create', 10);
  for (const op of ['list', 'deepList', 'get'] as const)
    each(
      op,
      (c, m) =>
        m.ratio !== undefined &&
        out.push({
          name: `${operationLabels[op]} API/raw, c=${c}`,
          target: '<= 2',
          value: `${m.ratio}`,
          met: m.ratio <= 2,
        }),
    );
  const list16 = results.list?.['16']?.api;
  if (list16)
    out.push({
      name: 'list throughput, c=16',
      target: '>= 1,500 req/s',
      value: `${list16.requestsPerSecond} req/s`,
      met: list16.requestsPerSecond >= 1500,
    });
  const bulk = Math.max(
    0,
    ...Object.values(results.bulkCreate ?? {}).map((m) => m.api?.recordsPerSecond ?? 0),
  );
  out.push({
    name: 'bulk create, best concurrency',
    target: '>= 10,000 records/s',
    value: `${bulk} records/s`,
    met: bulk >= 10_000,
  });
  out.push({
    name: 'server memory (max RSS)',
    target: '< 300 MB',
    value: `${memoryMaxMb} MB`,
    met: memoryMaxMb < 300,
  });
  return out;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function table(results: Results, checked: Check[]): string {
  const lines = [
    `${'operation'.padEnd(32)} ${pad('c', 3)} | ${pad('p50', 7)} ${pad('p95', 7)} ${pad('p99', 7)} ${pad('req/s', 8)} ${pad('rec/s', 7)} ${pad('err', 4)} | ${pad('base p50', 8)} ${pad('p95', 7)} ${pad('req/s', 8)} | ${pad('API/base', 8)}`,
  ];
  lines.push('-'.repeat(lines[0].length));
  for (const [op, byConcurrency] of Object.entries(results) as [Operation, Record<string, Measured>][]) {
    for (const [c, m] of Object.entries(byConcurrency)) {
      const a = m.api;
      const b = m.baseline;
      lines.push(
        `${operationLabels[op].padEnd(32)} ${pad(c, 3)} | ${pad(a?.p50 ?? '-', 7)} ${pad(a?.p95 ?? '-', 7)} ${pad(a?.p99 ?? '-', 7)} ${pad(a?.requestsPerSecond ?? '-', 8)} ${pad(a?.recordsPerSecond ?? '', 7)} ${pad(a?.errors ?? '-', 4)} | ${pad(b?.p50 ?? '-', 8)} ${pad(b?.p95 ?? '-', 7)} ${pad(b?.requestsPerSecond ?? '-', 8)} | ${pad(m.ratio ?? '-', 8)}`,
      );
    }
  }
  lines.push(
    '',
    'Latencies in ms. "base" = raw SQL through the driver (reads) or the engine in-process (writes).',
    '',
  );
  lines.push(`${'target'.padEnd(48)} ${'wanted'.padEnd(20)} ${'measured'.padEnd(18)} result`);
  for (const c of checked)
    lines.push(
      `${c.name.padEnd(48)} ${c.target.padEnd(20)} ${c.value.padEnd(18)} ${c.met ? 'met' : 'NOT MET'}`,
    );
  return lines.join('\n');
}
