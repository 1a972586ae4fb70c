import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../../web/api/http';
import { recordKeys } from '../../../../web/api/records';
import type { leadConversionInput, LeadConversion } from '../../contract';

export type LeadConversionDraft = z.input<typeof leadConversionInput>;

/** Converts a lead into its account, contact and deal in one call; every list of the three is stale after it. */
export function useConvertLead(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LeadConversionDraft) =>
      apiRequest<LeadConversion>(`/contacts/${contactId}/convert`, { method: 'POST', body: input }),
    onSuccess: async () => {
      await Promise.all(
        ['accounts', 'contacts', 'deals'].map((o) =>
          client.invalidateQueries({ queryKey: recordKeys.all(o) }),
        ),
      );
      await client.invalidateQueries({ queryKey: ['leads'] });
    },
  });
}
