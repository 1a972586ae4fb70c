import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import type {
  EmailTemplate,
  Mailbox,
  MailSettings,
  MailSettingsInput,
  ReviewItem,
  SendEmailInput,
} from '../contract';

const keys = {
  settings: ['mail', 'settings'] as const,
  mailboxes: ['mail', 'mailboxes'] as const,
  review: ['mail', 'review'] as const,
  templates: ['mail', 'templates'] as const,
};

export function useMailSettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: ({ signal }) => apiRequest<MailSettings>('/mail/settings', { signal }),
  });
}

export function useSaveMailSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MailSettingsInput) =>
      apiRequest<MailSettings>('/mail/settings', { method: 'PATCH', body }),
    onSuccess: (saved) => client.setQueryData(keys.settings, saved),
  });
}

export function useMailboxes() {
  return useQuery({
    queryKey: keys.mailboxes,
    queryFn: ({ signal }) =>
      apiRequest<{ data: Mailbox[] }>('/mail/mailboxes', { signal }).then((r) => r.data),
    // Health changes as syncs run: keep it current while the screen is open.
    refetchInterval: 15_000,
  });
}

export function useMailboxChange() {
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
    }) => apiRequest<unknown>(`/mail/mailboxes${path}`, { method, body }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.mailboxes }),
  });
}

export function useReview() {
  return useQuery({
    queryKey: keys.review,
    queryFn: ({ signal }) =>
      apiRequest<{ data: ReviewItem[]; nextCursor: string | null }>('/mail/review?limit=100', { signal }),
  });
}

export function useReviewAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      action,
      body,
    }: {
      id: string;
      action: 'link' | 'create-contact' | 'dismiss';
      body?: unknown;
    }) => apiRequest<unknown>(`/mail/review/${id}/${action}`, { method: 'POST', body: body ?? {} }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.review }),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: keys.templates,
    queryFn: ({ signal }) =>
      apiRequest<{ data: EmailTemplate[] }>('/mail/templates', { signal }).then((r) => r.data),
  });
}

export function useSendEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SendEmailInput) =>
      apiRequest<{ activityId: string; messageId: string; to: string[] }>('/mail/send', {
        method: 'POST',
        body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['records', 'activities'] }),
  });
}

export interface RecordEmail {
  id: string;
  subject: string | null;
  direction: 'inbound' | 'outbound' | null;
  occurredAt: string | null;
}

/** The email activities linked to a record, newest first. */
export function useRecordEmails(object: string, id: string) {
  return useQuery({
    queryKey: ['records', 'activities', 'emails', object, id],
    queryFn: ({ signal }) =>
      apiRequest<{ data: RecordEmail[] }>(
        `/activities?filter[type][eq]=email&filter[links][eq]=${object}:${id}&sort=-occurredAt&limit=50&fields=id,subject,direction,occurredAt`,
        { signal },
      ).then((r) => r.data),
  });
}
