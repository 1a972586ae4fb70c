import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import type { CalendarConnection, ConnectionTest } from '../contract';

const base = '/me/calendar-connections';
const key = ['calendars', 'connections'] as const;

export function useCalendarConnections() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiRequest<{ data: CalendarConnection[] }>(base, { signal }).then((r) => r.data),
    // Health changes as syncs run: keep it current while the card is open.
    refetchInterval: 15_000,
  });
}

export function useCalendarChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      method,
      path,
      body,
    }: {
      method: 'POST' | 'PATCH' | 'DELETE';
      path: string;
      body?: unknown;
    }) => apiRequest<CalendarConnection | undefined>(`${base}${path}`, { method, body }),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

/** The calendars a connection reaches, or why it reaches none. */
export function useCalendarChoices(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key, id, 'test'],
    queryFn: () => apiRequest<ConnectionTest>(`${base}/${id}/test`, { method: 'POST' }),
    enabled,
    staleTime: 60_000,
  });
}
