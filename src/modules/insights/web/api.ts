import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../common/pagination';
import { apiRequest } from '../../../web/api/http';
import { type CrmRecord, recordKeys } from '../../../web/api/records';
import type {
  Adoption,
  DashboardFilters,
  DashboardTile,
  FeedbackItem,
  FeedbackStatus,
  Friction,
  Highlight,
  InsightsSettings,
  MeasureInfo,
  ReportAnswer,
  ReportDefinition,
  ReportQuery,
  Scorecard,
} from '../contract';

export const insightsKeys = {
  scorecard: ['insights', 'scorecard'] as const,
  measures: ['insights', 'measures'] as const,
  feedback: ['insights', 'feedback'] as const,
  settings: ['insights', 'settings'] as const,
  highlight: ['insights', 'highlight'] as const,
};

/** The scorecard is for managers and admins; others' pages leave it unasked (`enabled`). */
export function useScorecard(enabled = true) {
  return useQuery({
    queryKey: insightsKeys.scorecard,
    enabled,
    queryFn: ({ signal }) => apiRequest<Scorecard>('/insights/scorecard', { signal }),
    // The server refreshes it within a minute of changes; reading it again that often is enough.
    refetchInterval: 60_000,
  });
}

export function useMeasures() {
  return useQuery({
    queryKey: insightsKeys.measures,
    queryFn: ({ signal }) =>
      apiRequest<{ data: MeasureInfo[] }>('/insights/measures', { signal }).then((r) => r.data),
    staleTime: 300_000,
  });
}

export interface ObjectiveDraft {
  name: string;
  measure: string;
  baseline: number;
  target: number;
  dueDate: string;
  startDate?: string;
}

export function useCreateObjective() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: ObjectiveDraft) =>
      apiRequest<CrmRecord>('/objectives', { method: 'POST', body: draft }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: insightsKeys.scorecard });
      void client.invalidateQueries({ queryKey: recordKeys.all('objectives') });
    },
  });
}

export function useRunReport(query: ReportQuery | null) {
  return useQuery({
    queryKey: ['insights', 'report', query],
    enabled: query !== null,
    queryFn: ({ signal }) =>
      apiRequest<ReportAnswer>('/insights/reports/run', { method: 'POST', body: query, signal }),
    retry: false,
  });
}

export interface SavedReport extends CrmRecord {
  name: string;
  chart: string | null;
  definition: ReportDefinition;
}
export interface Dashboard extends CrmRecord {
  name: string;
  defaultForRole: string | null;
  tiles: DashboardTile[] | null;
  filters: DashboardFilters | null;
}

export function useSavedReports() {
  return useQuery({
    queryKey: recordKeys.all('reports'),
    queryFn: ({ signal }) =>
      apiRequest<Page<SavedReport>>('/reports?limit=200&sort=name', { signal }).then((r) => r.data),
  });
}

export function useSaveReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; chart: string; definition: ReportDefinition }) =>
      apiRequest<SavedReport>('/reports', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: recordKeys.all('reports') }),
  });
}

export function useDashboards() {
  return useQuery({
    queryKey: recordKeys.all('dashboards'),
    queryFn: ({ signal }) =>
      apiRequest<Page<Dashboard>>('/dashboards?limit=200&sort=name', { signal }).then((r) => r.data),
  });
}

/** Creates a dashboard, or saves one with If-Match. */
export function useSaveDashboard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, ...body }: Partial<Dashboard> & { name: string }) =>
      id
        ? apiRequest<Dashboard>(`/dashboards/${id}`, {
            method: 'PATCH',
            body,
            headers: { 'If-Match': `"${version}"` },
          })
        : apiRequest<Dashboard>('/dashboards', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: recordKeys.all('dashboards') }),
  });
}

export function useFeedback() {
  return useQuery({
    queryKey: insightsKeys.feedback,
    queryFn: ({ signal }) =>
      apiRequest<{ data: FeedbackItem[]; nextCursor: string | null }>('/insights/feedback?limit=200', {
        signal,
      }),
  });
}

export function useFileFeedback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { page: string; comment: string; object?: string; field?: string }) =>
      apiRequest<FeedbackItem>('/insights/feedback', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: insightsKeys.feedback }),
  });
}

export function useSetFeedbackStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: FeedbackStatus }) =>
      apiRequest<FeedbackItem>(`/insights/feedback/${id}`, { method: 'PATCH', body: { status } }),
    onSuccess: () => client.invalidateQueries({ queryKey: insightsKeys.feedback }),
  });
}

export function useUsefulnessDue() {
  return useQuery({
    queryKey: ['insights', 'usefulness'],
    queryFn: ({ signal }) => apiRequest<{ due: boolean; month: string }>('/insights/usefulness', { signal }),
    staleTime: Infinity,
  });
}

export function useAnswerUsefulness() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { rating: number; comment?: string }) =>
      apiRequest('/insights/usefulness', { method: 'POST', body }),
    onSettled: () => client.invalidateQueries({ queryKey: ['insights', 'usefulness'] }),
  });
}

export function useAdoption() {
  return useQuery({
    queryKey: ['insights', 'adoption'],
    queryFn: ({ signal }) => apiRequest<Adoption>('/insights/adoption', { signal }),
  });
}

export function useFriction(enabled: boolean) {
  return useQuery({
    queryKey: ['insights', 'friction'],
    queryFn: ({ signal }) => apiRequest<Friction>('/insights/friction', { signal }),
    enabled,
  });
}

export function useInsightsSettings() {
  return useQuery({
    queryKey: insightsKeys.settings,
    queryFn: ({ signal }) => apiRequest<InsightsSettings>('/insights/settings', { signal }),
  });
}

/** Admins change the workspace's insights settings; the highlight follows its switch. */
export function useUpdateInsightsSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Omit<InsightsSettings, 'goLive'>> & { goLive?: string }) =>
      apiRequest<InsightsSettings>('/insights/settings', { method: 'PATCH', body }),
    onSuccess: (saved) => {
      client.setQueryData(insightsKeys.settings, saved);
      void client.invalidateQueries({ queryKey: insightsKeys.highlight });
    },
  });
}

export function useWeeklyHighlight() {
  return useQuery({
    queryKey: insightsKeys.highlight,
    queryFn: ({ signal }) => apiRequest<Highlight>('/insights/highlight', { signal }),
    staleTime: 300_000,
  });
}
