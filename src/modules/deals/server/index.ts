import type { ServerModule } from '../../../server/platform';
import { accountDealRollups } from './accountRollups';
import { boardSumsSubscription } from './analytics/boardSums';
import { dealObject, pipelineObject } from './objects';
import { dealRoutes } from './routes';
import { dealContactRolesMove } from './mergeMoves';
import { insertDefaultPipeline } from './pipelines';
import { stageHistorySubscription } from './stageHistory';
import { closedDealsSubscription } from './forecast/histograms';

export { dealObject, deals, pipelineObject, pipelines } from './objects';
export { dealStageHistory, exchangeRates } from './tables';
export { converted, inBaseCurrency, rateToBase } from './rateSql';
export { seedSalesDemo } from './demo';

export const dealsModule: ServerModule = {
  name: 'deals',
  objects: [pipelineObject, dealObject],
  subscriptions: [stageHistorySubscription, closedDealsSubscription, boardSumsSubscription],
  setupWorkspace: insertDefaultPipeline,
  mergeMoves: [dealContactRolesMove],
  routes: dealRoutes,
  computedFields: accountDealRollups,
};
