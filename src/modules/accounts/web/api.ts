import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import type { AccountContact } from '../contract';

export const accountContactsKey = (accountId: string) =>
  ['records', 'accounts', 'contacts-of', accountId] as const;

/** Current and past people of an account, primary first. */
export function useAccountContacts(accountId: string) {
  return useQuery({
    queryKey: accountContactsKey(accountId),
    queryFn: ({ signal }) =>
      apiRequest<{ data: AccountContact[] }>(`/accounts/${accountId}/contacts`, { signal }).then(
        (r) => r.data,
      ),
  });
}
