import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiBase, apiRequest } from '../../../web/api/http';
import type {
  AuditEntry,
  ConsentInput,
  ConsentsAnswer,
  ErasureSummary,
  PrivacySettings,
  RetentionCandidate,
} from '../contract';

export function useConsents(contactId: string) {
  return useQuery({
    queryKey: ['privacy', 'consents', contactId],
    queryFn: ({ signal }) => apiRequest<ConsentsAnswer>(`/contacts/${contactId}/consents`, { signal }),
  });
}

export const recordConsent = (contactId: string, input: ConsentInput) =>
  apiRequest<ConsentsAnswer>(`/contacts/${contactId}/consents`, { method: 'POST', body: input });

export const eraseContact = (contactId: string, confirm: string) =>
  apiRequest<ErasureSummary>(`/contacts/${contactId}/erase`, { method: 'POST', body: { confirm } });

/** The subject access export is a download: a link the browser follows with the session cookie. */
export const subjectAccessUrl = (contactId: string) => `${apiBase}/contacts/${contactId}/subject-access`;

export function usePrivacySettings() {
  return useQuery({
    queryKey: ['privacy', 'settings'],
    queryFn: ({ signal }) => apiRequest<PrivacySettings>('/privacy/settings', { signal }),
  });
}

export const savePrivacySettings = (settings: Partial<PrivacySettings>) =>
  apiRequest<PrivacySettings>('/privacy/settings', { method: 'PATCH', body: settings });

export const runRetention = () =>
  apiRequest<{ flagged: number; erased: number }>('/privacy/retention/run', { method: 'POST' });

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

const pageOf = <T>(path: string, cursor: string | null, signal: AbortSignal) =>
  apiRequest<Page<T>>(`${path}?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
    signal,
  });

export function useRetentionList() {
  return useInfiniteQuery({
    queryKey: ['privacy', 'retention'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => pageOf<RetentionCandidate>('/privacy/retention', pageParam, signal),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: ['privacy', 'audit'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => pageOf<AuditEntry>('/privacy/audit', pageParam, signal),
    getNextPageParam: (last) => last.nextCursor,
  });
}
