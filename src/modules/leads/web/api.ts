import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../web/api/http';
import type {
  AssignmentRule,
  assignmentRuleInput,
  LeadQueue,
  ScoringRule,
  scoringRuleInput,
  SpeedToLead,
} from '../contract';

export type ScoringRuleDraft = z.input<typeof scoringRuleInput>;
export type AssignmentRuleDraft = z.input<typeof assignmentRuleInput>;

export function useLeadQueue() {
  return useInfiniteQuery({
    queryKey: ['leads', 'queue'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<LeadQueue>(`/leads/queue?limit=25${pageParam ? `&cursor=${pageParam}` : ''}`, { signal }),
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useSpeedToLead(from: string, to: string, by: 'owner' | 'team') {
  return useQuery({
    queryKey: ['leads', 'speed', from, to, by],
    queryFn: ({ signal }) =>
      apiRequest<SpeedToLead>(`/leads/speed?from=${from}&to=${to}&by=${by}`, { signal }),
  });
}

export function useScoringRules() {
  return useQuery({
    queryKey: ['leads', 'scoring-rules'],
    queryFn: ({ signal }) => apiRequest<{ data: ScoringRule[] }>('/leads/scoring-rules', { signal }),
  });
}

export function useAssignmentRules() {
  return useQuery({
    queryKey: ['leads', 'assignment-rules'],
    queryFn: ({ signal }) => apiRequest<{ data: AssignmentRule[] }>('/leads/assignment-rules', { signal }),
  });
}

/** A write to the rules that refreshes them and the queue, whose scores they change. */
export function useRuleWrite<TInput>(method: 'POST' | 'DELETE', path: (input: TInput) => string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TInput) =>
      apiRequest<unknown>(path(input), { method, body: method === 'POST' ? input : undefined }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['leads'] }),
  });
}
