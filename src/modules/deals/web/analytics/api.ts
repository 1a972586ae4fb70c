import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../../web/api/http';
import type {
  cycleTimes,
  funnel,
  pipelineSummary,
  staleAndSlipped,
  timeInStage,
  winRates,
} from '../../contract';

interface Answers {
  summary: z.infer<typeof pipelineSummary>;
  funnel: z.infer<typeof funnel>;
  'win-rates': z.infer<typeof winRates>;
  'cycle-time': z.infer<typeof cycleTimes>;
  'time-in-stage': z.infer<typeof timeInStage>;
  'stale-slipped': z.infer<typeof staleAndSlipped>;
}

/** One analytics report of the deals, for a pipeline (or all) and extra parameters. */
export function useAnalytics<K extends keyof Answers>(report: K, pipelineId: string | null, extra = '') {
  const params = new URLSearchParams(extra);
  if (pipelineId) params.set('pipelineId', pipelineId);
  return useQuery({
    queryKey: ['records', 'deals', 'analytics', report, pipelineId, extra],
    queryFn: ({ signal }) => apiRequest<Answers[K]>(`/deals/analytics/${report}?${params}`, { signal }),
  });
}
