import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AccountContact } from '../../accounts/contract';
import { apiRequest } from '../../../web/api/http';
import type { ContactAccountInput, contactAccountView } from '../contract';

export type ContactAccount = z.infer<typeof contactAccountView>;

const key = (contactId: string) => ['records', 'contacts', 'accounts-of', contactId] as const;

export function useContactAccounts(contactId: string) {
  return useQuery({
    queryKey: key(contactId),
    queryFn: ({ signal }) =>
      apiRequest<{ data: ContactAccount[] }>(`/contacts/${contactId}/accounts`, { signal }).then(
        (r) => r.data,
      ),
  });
}

export function useLinkAccount(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ContactAccountInput) =>
      apiRequest(`/contacts/${contactId}/accounts`, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['records'] }),
  });
}

/** Current and past people of an account, primary first. */
export function useAccountContacts(accountId: string) {
  return useQuery({
    queryKey: ['records', 'accounts', 'contacts-of', accountId],
    queryFn: ({ signal }) =>
      apiRequest<{ data: AccountContact[] }>(`/accounts/${accountId}/contacts`, { signal }).then(
        (r) => r.data,
      ),
  });
}
