import type { Platform } from '../../../server/platform';
import type { RequestContext } from '../../../server/engine';
import { systemContext } from '../../../server/seed/context';
import { refreshScorecard } from './scorecardCompute';

export const scorecardQueue = 'insights.scorecard';
/** Changes gathered for this long go into one refresh: the scorecard is at most about this much behind them. */
export const refreshDelaySeconds = 10;
/** A scorecard older than this is refreshed when read (usage and survey answers are no record events). */
export const staleAfterMs = 60_000;

// Measures read the whole workspace for nobody in particular.
const noUser = '00000000-0000-0000-0000-000000000000';

/** The objects whose changes move measures of the catalogue. */
const measuredObjects = ['deals', 'accounts', 'contacts', 'pipelines', 'activities', 'orders'];

/**
 * Keeps each workspace's scorecard fresh: a committed change to a measured object asks for one refresh
 * of its workspace (one waiting job per workspace gathers the changes of the next seconds). The ask
 * is made when the change is dispatched; one lost to a crash is made good by the refresh on read.
 */
export function keepScorecardFresh(platform: Platform): (ctx: RequestContext) => Promise<void> {
  const { jobs, events, db } = platform;
  jobs.define<{ workspaceId: string }>(
    scorecardQueue,
    async ({ workspaceId }) => refreshScorecard(await systemContext(db, workspaceId, noUser)),
    { policy: 'stately', retryLimit: 3, expireInSeconds: 600 },
  );
  const ask = async (workspaceId: string, startAfter: number) =>
    void (await jobs.send(scorecardQueue, { workspaceId }, { singletonKey: workspaceId, startAfter }));
  // Once per dispatched batch, not per event: an import of 50,000 contacts asks for a refresh a
  // hundred times, not 50,000 (each a queued job, minutes of work on the embedded database).
  events.observe(async (batch) => {
    const touched = new Set(
      batch.filter((e) => measuredObjects.includes(e.object)).map((e) => e.workspaceId),
    );
    for (const workspaceId of touched) await ask(workspaceId, refreshDelaySeconds);
  });
  return (ctx) => ask(ctx.workspace.id, 0);
}
