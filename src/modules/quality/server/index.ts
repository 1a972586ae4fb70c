import type { RequestContext, ResolvedObject } from '../../../server/engine';
import { everyCustomObject, type ServerModule } from '../../../server/platform';
import { emailBouncesMove } from './bounceMerge';
import { emailBouncedSubscription } from './reachability';
import { duplicatesOf } from './duplicates';
import { normalisationSubscription } from './normalisation';
import { qualityRoutes } from './routes';
import { scoreRoutes } from './scoreRoutes';
import { validationRoutes } from './validationRoutes';
import { validationRulesSubscription } from './validationRules';

export { bouncesOf, forgetEmailBounces, recordEmailBounces } from './reachability';
export { pointersTo, type Pointer } from './relations';
export { duplicateThreshold } from './duplicates';
export { likeness, narrowNameLookups } from './rules';
export {
  duplicatePairs,
  duplicateScans,
  emailBounces,
  merges,
  qualitySettingsTable,
  qualitySnapshots,
  validationRules,
} from './tables';

export const qualityModule: ServerModule = {
  name: 'quality',
  subscriptions: [normalisationSubscription, validationRulesSubscription, emailBouncedSubscription],
  mergeMoves: [emailBouncesMove],
  // A create answers the likely duplicates of the new record (API.md: it is still created, 201).
  includes: ['contacts', 'accounts', everyCustomObject].map((object) => ({
    object,
    name: 'likelyDuplicates',
    onCreate: true,
    load: (ctx: RequestContext, id: string, _objects: Map<string, ResolvedObject>, object: ResolvedObject) =>
      ctx.db.read((x) => duplicatesOf(ctx, x, object, id, 5)),
  })),
  routes: (app, platform) => {
    qualityRoutes(app, platform);
    validationRoutes(app, platform);
    scoreRoutes(app, platform);
  },
};
