import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import type { ApiKeyView } from '../../auth/contract';
import type { AddressBookSettings, AddressBookSettingsInput } from '../contract';

const keys = {
  settings: ['addressbook', 'settings'] as const,
  phoneKeys: ['addressbook', 'phone-keys'] as const,
};
/** The name the page gives the keys it makes, by which it finds them again. */
const phoneKeyName = 'Phone contacts';

export function useAddressBookSettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: ({ signal }) => apiRequest<AddressBookSettings>('/addressbook/settings', { signal }),
  });
}

export function useSaveAddressBookSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AddressBookSettingsInput) =>
      apiRequest<AddressBookSettings>('/addressbook/settings', { method: 'PATCH', body }),
    onSuccess: (saved) => client.setQueryData(keys.settings, saved),
  });
}

/** A key for the phone, named so the user knows it later; shown once. */
export function useCreatePhoneKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<{ token: string }>('/api-keys', { method: 'POST', body: { name: phoneKeyName } }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.phoneKeys }),
  });
}

/** The caller's own phone passwords (admins too see only theirs here), to revoke a lost phone's. */
export function usePhoneKeys() {
  return useQuery({
    queryKey: keys.phoneKeys,
    queryFn: ({ signal }) => apiRequest<{ data: ApiKeyView[] }>('/api-keys?mine=true', { signal }),
    select: (answer) => answer.data.filter((k) => k.name === phoneKeyName),
  });
}

export function useRevokePhoneKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/api-keys/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.phoneKeys }),
  });
}
