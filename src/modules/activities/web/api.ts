import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import type { CrmRecord } from '../../../web/api/records';
import type {
  ActivityType,
  AttachmentList,
  DigestSetting,
  MeetingInvite,
  MyDay,
  TimelinePage,
} from '../contract';

/** What the timeline shows: everything, interactions only, one activity type, or changes. */
export type TimelineFilter = 'all' | 'interactions' | ActivityType | 'changes';

const filterQuery = (filter: TimelineFilter): string =>
  filter === 'all'
    ? ''
    : filter === 'interactions'
      ? '&interactionsOnly=true'
      : filter === 'changes'
        ? '&types=fieldChange,stageChange'
        : `&types=${filter}`;

export const activityKeys = {
  timelines: ['timeline'] as const,
  timeline: (object: string, id: string, filter: TimelineFilter, channel: string) =>
    ['timeline', object, id, filter, channel] as const,
  day: ['my-day'] as const,
  attachments: (activityId: string) => ['attachments', activityId] as const,
};

/** A record's timeline; `channel` (free text, any case; empty: every channel) keeps activities on that channel. */
export function useTimeline(object: string, id: string, filter: TimelineFilter, channel = '') {
  const onChannel = channel ? `&channel=${encodeURIComponent(channel)}` : '';
  return useInfiniteQuery({
    queryKey: activityKeys.timeline(object, id, filter, channel),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<TimelinePage>(
        `/${object}/${id}/timeline?limit=30${filterQuery(filter)}${onChannel}${pageParam ? `&cursor=${pageParam}` : ''}`,
        { signal },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMyDay() {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return useQuery({
    queryKey: activityKeys.day,
    queryFn: ({ signal }) => apiRequest<MyDay>(`/me/day?tz=${encodeURIComponent(tz)}`, { signal }),
    refetchInterval: 60_000,
  });
}

/** After any activity is written, timelines and the day are out of date. */
function useActivityWrite<T>(write: (input: T) => Promise<CrmRecord>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: activityKeys.timelines });
      void client.invalidateQueries({ queryKey: activityKeys.day });
      void client.invalidateQueries({ queryKey: ['records', 'activities'] });
    },
  });
}

const digestKey = ['me', 'digest'];

export function useDigestSetting() {
  return useQuery({
    queryKey: digestKey,
    queryFn: ({ signal }) => apiRequest<DigestSetting>('/me/digest', { signal }),
  });
}

/** Turns the morning email on (with its time zone and hour) or, given null, off. */
export function useSetDigest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { timeZone: string; hour: number } | null): Promise<void> => {
      if (input) await apiRequest<DigestSetting>('/me/digest', { method: 'PUT', body: input });
      else await apiRequest<void>('/me/digest', { method: 'DELETE' });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: digestKey }),
  });
}

export function useLogActivity() {
  return useActivityWrite((values: Record<string, unknown>) =>
    apiRequest<CrmRecord>('/activities', { method: 'POST', body: values }),
  );
}

export function useCompleteActivity() {
  return useActivityWrite(({ id, outcome }: { id: string; outcome?: string }) =>
    apiRequest<CrmRecord>(`/activities/${id}`, {
      method: 'PATCH',
      body: { done: true, ...(outcome ? { outcome, occurredAt: new Date().toISOString() } : {}) },
    }),
  );
}

export function useAttachments(activityId: string) {
  return useQuery({
    queryKey: activityKeys.attachments(activityId),
    queryFn: ({ signal }) => apiRequest<AttachmentList>(`/activities/${activityId}/attachments`, { signal }),
  });
}

export function useDeleteAttachment(activityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/attachments/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: activityKeys.attachments(activityId) });
      void client.invalidateQueries({ queryKey: activityKeys.timelines });
    },
  });
}

/** Emails a meeting's invitation to its contacts; the email lands on their timelines. */
export function useInviteToMeeting(activityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingInvite) =>
      apiRequest<{ to: string[] }>(`/activities/${activityId}/invite`, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: activityKeys.timelines }),
  });
}
