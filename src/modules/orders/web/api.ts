import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import { notifyFailure } from '../../../web/api/notify';
import type {
  CycleAnswer,
  MarginAnswer,
  OrderNotification,
  RevenueAnswer,
  cyclePeriods,
  marginGroupings,
} from '../contract';

export const orderKeys = {
  all: ['records', 'orders'] as const,
  notices: ['records', 'orders', 'notices'] as const,
};

/** Prospect to payment of the won deals, with medians by month or quarter of winning. */
export function useCycle(period: (typeof cyclePeriods)[number]) {
  return useQuery({
    queryKey: [...orderKeys.all, 'cycle', period],
    queryFn: ({ signal }) => apiRequest<CycleAnswer>(`/orders/cycle?period=${period}`, { signal }),
    // The chart stays while another grouping loads, instead of jumping away and back.
    placeholderData: keepPreviousData,
  });
}

/** Revenue, cost and margin by deal, account, product or owner; only asked for by roles that see cost prices. */
export function useMargin(by: (typeof marginGroupings)[number]) {
  return useQuery({
    queryKey: [...orderKeys.all, 'margin', by],
    queryFn: ({ signal }) => apiRequest<MarginAnswer>(`/orders/margin?by=${by}&limit=100`, { signal }),
  });
}

export function useRevenue(period: 'month' | 'quarter' | 'year', from: string, to: string) {
  return useQuery({
    queryKey: [...orderKeys.all, 'revenue', period, from, to],
    queryFn: ({ signal }) =>
      apiRequest<RevenueAnswer>(`/orders/revenue?period=${period}&from=${from}&to=${to}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** The signed-in user's notices of order moves, newest first. */
export function useOrderNotices() {
  return useQuery({
    queryKey: orderKeys.notices,
    queryFn: ({ signal }) =>
      apiRequest<{ data: OrderNotification[] }>('/orders/notifications', { signal }).then((r) => r.data),
    refetchInterval: 60_000,
  });
}

export function useMarkNoticeRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest(`/orders/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: orderKeys.notices }),
    onError: (error) => notifyFailure(error, 'Could not mark the notice read'),
  });
}
