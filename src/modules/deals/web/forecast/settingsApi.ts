import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../../web/api/http';
import type { ExchangeRate, ForecastSettings, Quota } from '../../contract';

/** What the forecast settings screen writes: fiscal year, quotas and exchange rates (admins only). */

export function useSaveForecastSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ForecastSettings) =>
      apiRequest<ForecastSettings>('/forecast/settings', { method: 'PUT', body }),
    // Period names depend on the fiscal year: every forecast read so far is named the old way.
    onSuccess: (saved) => {
      client.setQueryData(['forecast', 'settings'], saved);
      return client.invalidateQueries({ queryKey: ['forecast'] });
    },
  });
}

export function useQuotas(period: string) {
  return useQuery({
    queryKey: ['quotas', period],
    queryFn: ({ signal }) =>
      apiRequest<{ data: Quota[] }>(`/quotas?period=${encodeURIComponent(period)}`, { signal }).then(
        (r) => r.data,
      ),
  });
}

export interface QuotaInput {
  period: string;
  ownerId?: string;
  teamId?: string;
  amount: string;
}

function useQuotaChange<T, R>(write: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['quotas'] }),
        client.invalidateQueries({ queryKey: ['forecast', 'rollup'] }),
      ]),
  });
}

export const useSetQuota = () =>
  useQuotaChange((body: QuotaInput) => apiRequest<Quota>('/quotas', { method: 'POST', body }));

export const useRemoveQuota = () =>
  useQuotaChange((id: string) => apiRequest<void>(`/quotas/${id}`, { method: 'DELETE' }));

export function useExchangeRates() {
  return useQuery({
    queryKey: ['exchange-rates'],
    queryFn: ({ signal }) =>
      apiRequest<{ data: ExchangeRate[] }>('/exchange-rates', { signal }).then((r) => r.data),
  });
}

export interface ExchangeRateInput {
  currency: string;
  rate: string;
  validFrom: string;
}

function useRateChange<T, R>(write: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    // A rate changes deals' amounts in the base currency, hence every forecast and board total.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['exchange-rates'] }),
        client.invalidateQueries({ queryKey: ['forecast'] }),
      ]),
  });
}

export const useAddExchangeRate = () =>
  useRateChange((body: ExchangeRateInput) =>
    apiRequest<ExchangeRate>('/exchange-rates', { method: 'POST', body }),
  );

export const useRemoveExchangeRate = () =>
  useRateChange((id: string) => apiRequest<void>(`/exchange-rates/${id}`, { method: 'DELETE' }));
