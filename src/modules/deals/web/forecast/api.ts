import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../../web/api/http';
import type {
  Forecast,
  ForecastAccuracy,
  ForecastAdjustment,
  ForecastGrouping,
  ForecastSettings,
  StatisticalForecast,
  forecastAdjustmentInput,
} from '../../contract';

export function useForecastSettings() {
  return useQuery({
    queryKey: ['forecast', 'settings'],
    queryFn: ({ signal }) => apiRequest<ForecastSettings>('/forecast/settings', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useForecast(period: string, groupBy: ForecastGrouping) {
  return useQuery({
    queryKey: ['forecast', 'rollup', period, groupBy],
    queryFn: ({ signal }) =>
      apiRequest<Forecast>(`/forecast?period=${period}&groupBy=${groupBy}`, { signal }),
  });
}

/** The total's weekly snapshots of each period against what closed, oldest period first. */
export function useAccuracy(periods: string[]) {
  return useQuery({
    queryKey: ['forecast', 'accuracy', periods],
    queryFn: ({ signal }) =>
      Promise.all(
        periods.map((p) => apiRequest<ForecastAccuracy>(`/forecast/accuracy?period=${p}`, { signal })),
      ),
  });
}

export function useStatistical(period: string) {
  return useQuery({
    queryKey: ['forecast', 'statistical', period],
    queryFn: ({ signal }) =>
      apiRequest<StatisticalForecast>(`/forecast/statistical?period=${period}&backtest=4`, { signal }),
  });
}

export type AdjustmentInput = z.input<typeof forecastAdjustmentInput>;

export function useAdjustForecast() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AdjustmentInput) =>
      apiRequest<ForecastAdjustment>('/forecast/adjustments', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['forecast', 'rollup'] }),
  });
}
