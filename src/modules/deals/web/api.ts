import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../common/pagination';
import { apiRequest } from '../../../web/api/http';
import { type CrmRecord, recordKeys } from '../../../web/api/records';
import type {
  BoardTotals,
  DealsNeedingAttention,
  MissingCriterion,
  Pipeline,
  StageHistoryEntry,
  StageInput,
} from '../contract';
import { periodRange, type BoardFilters } from './boardFilter';

export const pipelinesQuery = queryOptions({
  queryKey: ['records', 'pipelines', 'all'],
  queryFn: ({ signal }) =>
    apiRequest<Page<Pipeline>>('/pipelines?limit=200&sort=name', { signal }).then((r) => r.data),
  staleTime: 60_000,
});

export function usePipelines() {
  return useQuery(pipelinesQuery);
}

/**
 * One column of the board: how many deals, their amount and weighted amount, in a currency; the sums are
 * null where a field they are built from is hidden from the user's role.
 */
export interface StageTotals {
  currency: string;
  count: number;
  amount: string | null;
  weighted: string | null;
}

/** Column totals of a pipeline's board in the base currency, summed by the database at each close day's rate. */
export function useBoardTotals(pipelineId: string | undefined, filters: BoardFilters) {
  return useQuery({
    queryKey: ['records', 'deals', 'board-totals', pipelineId, filters],
    enabled: Boolean(pipelineId),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      if (filters.ownerId) params.set('ownerId', filters.ownerId);
      if (filters.teamId) params.set('teamId', filters.teamId);
      if (filters.closePeriod) {
        const [from, to] = periodRange(filters.closePeriod);
        if (from) params.set('closeFrom', from);
        params.set('closeTo', to);
      }
      if (filters.minAmount !== null) params.set('minAmount', String(filters.minAmount));
      if (filters.maxAmount !== null) params.set('maxAmount', String(filters.maxAmount));
      return apiRequest<BoardTotals>(`/pipelines/${pipelineId}/board-totals?${params}`, { signal }).then(
        (r) =>
          new Map<string, StageTotals[]>(
            r.columns
              .filter((c) => c.count > 0)
              .map((c) => [
                c.stageId,
                [{ currency: r.currency, count: c.count, amount: c.amount, weighted: c.weighted }],
              ]),
          ),
      );
    },
  });
}

/** A PATCH refused because the deal lacks what its stage asks for (409 with `missing`). */
export function missingOf(error: unknown): MissingCriterion[] | null {
  const problem = (error as { problem?: { status?: number; missing?: MissingCriterion[] } } | null)?.problem;
  return problem?.status === 409 && Array.isArray(problem.missing) ? problem.missing : null;
}

export interface DealMove {
  deal: CrmRecord;
  stageId: string;
  /** values that fill the missing criteria, sent with the move */
  values?: Record<string, unknown>;
}

/** Moves a deal to a stage (with If-Match); every view of deals reloads once it is done. */
export function useMoveDeal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ deal, stageId, values }: DealMove) =>
      apiRequest<CrmRecord>(`/deals/${deal.id}`, {
        method: 'PATCH',
        body: { ...values, stageId },
        headers: { 'If-Match': `"${deal.version}"` },
      }),
    onSuccess: (record) => client.setQueryData(recordKeys.one('deals', record.id), record),
    onSettled: () => client.invalidateQueries({ queryKey: recordKeys.all('deals') }),
  });
}

export function useStageHistory(dealId: string) {
  return useQuery({
    queryKey: ['records', 'deals', 'stage-history', dealId],
    queryFn: ({ signal }) =>
      apiRequest<{ data: StageHistoryEntry[] }>(`/deals/${dealId}/stage-history`, { signal }).then(
        (r) => r.data,
      ),
  });
}

export interface PipelineDraft {
  name: string;
  enforceCriteria: boolean;
  isDefault: boolean;
  lostReasons: string[];
  staleAfterDays: number | null;
  stages: StageInput[];
}

/** Creates a pipeline, or saves one with If-Match so two admins cannot overwrite each other. */
export function useSavePipeline() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, draft }: { id?: string; version?: number; draft: PipelineDraft }) =>
      id
        ? apiRequest<Pipeline>(`/pipelines/${id}`, {
            method: 'PATCH',
            body: draft,
            headers: { 'If-Match': `"${version}"` },
          })
        : apiRequest<Pipeline>('/pipelines', { method: 'POST', body: draft }),
    onSuccess: () => client.invalidateQueries({ queryKey: recordKeys.all('pipelines') }),
  });
}

/** The signed-in user's own open deals that need them, with the reasons; refetched when deals change. */
export function useDealsNeedingAttention() {
  return useQuery({
    queryKey: ['records', 'deals', 'needing-attention'],
    queryFn: ({ signal }) =>
      apiRequest<DealsNeedingAttention>('/me/deals-needing-attention?limit=10', { signal }).then(
        (r) => r.data,
      ),
    staleTime: 60_000,
  });
}
