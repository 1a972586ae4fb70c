import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../web/api/http';
import type { AddressBookSettings, AddressBookSettingsInput } from '../contract';

const keys = { settings: ['addressbook', 'settings'] as const };

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
  return useMutation({
    mutationFn: () =>
      apiRequest<{ token: string }>('/api-keys', { method: 'POST', body: { name: 'Phone contacts' } }),
  });
}
