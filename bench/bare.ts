import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataRoot, targetEnv, type Target } from './database';
import { hammer, spawnServer, type HttpRequest, type Server } from './http';
import type { Figures } from './measure';
import type { Workload } from './workload';

/** One line of the comparison: Rapport and the bare route, measured one after the other. */
export interface BareLine {
  operation: 'list' | 'get';
  concurrency: number;
  rapport: Figures;
  bare: Figures;
  /** Rapport's requests/s as a share of the bare route's */
  share: number;
  /** Rapport's p50 / the bare route's p50 */
  p50Ratio: number;
}

export interface BareComparison {
  lines: BareLine[];
  bareMemory: Server['memory'];
  checks: { name: string; target: string; value: string; met: boolean }[];
}

/** The bare route (bareServer.ts) over the bench database, running the SQL the engine runs for the same list and get. */
async function startBare(target: Target, w: Workload): Promise<Server> {
  if (target.kind !== 'postgres') throw new Error('the bare route runs on PostgreSQL only');
  mkdirSync(dataRoot, { recursive: true });
  const statements = join(dataRoot, 'bare-statements.json');
  writeFileSync(
    statements,
    JSON.stringify({ lists: w.lists.map((v) => v.sql), get: w.sql.get, sampleId: w.ids[0] }),
  );
  const bare = await spawnServer(
    ['--import', 'tsx', 'bench/bareServer.ts'],
    { ...targetEnv(target), BARE_STATEMENTS: statements },
    `/contacts/${w.ids[0]}`,
  );
  return { ...bare, token: '', userId: '' };
}

/**
 * Rapport's list (50 contacts by last name, filtered) and get by id beside a bare Fastify route over
 * the same table, the same partial index and the same SQL, at 1 and 16 connections, each pair measured
 * back to back so both meet the same load. Targets: at least 90% of the bare route's requests/s, and at
 * most 1.25 times its p50 at one connection.
 */
export async function compareWithBare(
  target: Target,
  rapport: Server,
  w: Workload,
  seconds: number,
): Promise<BareComparison> {
  const bare = await startBare(target, w);
  const lines: BareLine[] = [];
  try {
    const requests = {
      // The same rotation of list pages (stages, cursors) on both sides: page n of the workload's lists.
      list:
        (prefix: string) =>
        (n: number): HttpRequest => {
          const i = (n + w.lists.length) % w.lists.length;
          return {
            method: 'GET',
            path: prefix
              ? `${prefix}/contacts?${new URLSearchParams(w.lists[i].query)}`
              : `/contacts?variant=${i}`,
          };
        },
      get:
        (prefix: string) =>
        (n: number): HttpRequest => ({
          method: 'GET',
          path: `${prefix}/contacts/${w.ids[(n + w.ids.length) % w.ids.length]}`,
        }),
    };
    for (const operation of ['list', 'get'] as const)
      for (const c of [1, 16]) {
        const bareFigures = await hammer(bare, c, seconds, requests[operation](''));
        const rapportFigures = await hammer(rapport, c, seconds, requests[operation]('/api/v1'));
        const line: BareLine = {
          operation,
          concurrency: c,
          rapport: rapportFigures,
          bare: bareFigures,
          share: Math.round((rapportFigures.requestsPerSecond / bareFigures.requestsPerSecond) * 100) / 100,
          p50Ratio: Math.round((rapportFigures.p50 / bareFigures.p50) * 100) / 100,
        };
        lines.push(line);
        console.log(
          `  ${operation.padEnd(4)} c=${String(c).padEnd(2)} Rapport ${rapportFigures.requestsPerSecond} req/s p50 ${rapportFigures.p50} ms | bare ${bareFigures.requestsPerSecond} req/s p50 ${bareFigures.p50} ms | share ${Math.round(line.share * 100)}%, p50 ×${line.p50Ratio}`,
        );
      }
  } finally {
    await bare.stop();
  }
  const checks = lines.flatMap((l) => {
    const name = `${l.operation} beside the bare route, c=${l.concurrency}`;
    const errors = l.rapport.errors + l.bare.errors;
    const out = [
      {
        name: `${name}: throughput`,
        target: '>= 90% of bare',
        value: `${Math.round(l.share * 100)}%`,
        met: l.share >= 0.9 && errors === 0,
      },
    ];
    if (l.concurrency === 1)
      out.push({
        name: `${name}: p50`,
        target: '<= 1.25 x bare',
        value: `${l.p50Ratio} x`,
        met: l.p50Ratio <= 1.25 && errors === 0,
      });
    return out;
  });
  return { lines, bareMemory: bare.memory, checks };
}
