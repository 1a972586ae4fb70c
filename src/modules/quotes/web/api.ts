import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import type { CrmRecord } from '../../../web/api/records';
import type { PriceBookEntry } from '../../catalog/contract';
import type { QuoteSettings } from '../contract';

export interface CatalogProduct {
  id: string;
  sku: string;
  name: string;
  unit: string | null;
  taxCategory?: string | null;
  active: boolean;
}

export const useQuoteSettings = () =>
  useQuery({ queryKey: ['quote-settings'], queryFn: () => apiRequest<QuoteSettings>('/quote-settings') });

/** The active catalogue, for the line editor's product picker (at most 500 products). */
export const useActiveProducts = () =>
  useQuery({
    queryKey: ['records', 'products', 'active-catalogue'],
    queryFn: () =>
      apiRequest<{ data: CatalogProduct[] }>('/products?limit=500&sort=name&filter[active][eq]=true').then(
        (r) => r.data,
      ),
  });

export const usePriceBookEntries = (id: string | null) =>
  useQuery({
    queryKey: ['price-book-entries', id],
    enabled: !!id,
    queryFn: () =>
      apiRequest<{ entries: PriceBookEntry[] }>(`/priceBooks/${id}`).then((r) => r.entries ?? []),
  });

/** A quote call that changes records (share, revise): every record list and page is fetched again. */
export function useQuoteCall<T = CrmRecord>(path: (id: string) => string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body?: unknown }) =>
      apiRequest<T>(path(id), { method: 'POST', body: body ?? {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['records'] }),
  });
}
