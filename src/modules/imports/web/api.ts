import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Problem } from '../../../common/errors';
import { apiBase, ApiError, apiRequest } from '../../../web/api/http';
import type {
  ContactPhoto,
  ImportMapping,
  ImportMatch,
  ImportPreview,
  ImportState,
  SavedMapping,
} from '../contract';

export interface ImportForm {
  file: File;
  object: string;
  mapping?: ImportMapping;
  match?: ImportMatch | null;
  dryRun?: boolean;
}

/** Posts a file as multipart/form-data, the one request of the app that is not JSON. */
async function upload<T>(path: string, form: ImportForm): Promise<T> {
  const body = new FormData();
  body.set('object', form.object);
  if (form.mapping) body.set('mapping', JSON.stringify(form.mapping));
  if (form.match) body.set('match', JSON.stringify(form.match));
  if (form.dryRun !== undefined) body.set('dryRun', String(form.dryRun));
  body.set('file', form.file);
  let response: Response;
  try {
    response = await fetch(apiBase + path, { method: 'POST', credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) throw new ApiError(response.status, (parsed as Problem | undefined) ?? null);
  return parsed as T;
}

export function usePreview() {
  return useMutation({ mutationFn: (form: ImportForm) => upload<ImportPreview>('/imports/preview', form) });
}

export function useStartImport() {
  return useMutation({ mutationFn: (form: ImportForm) => upload<{ id: string }>('/imports', form) });
}

/** An import's state, asked again every half second while its job runs. */
export function useImportState(id: string | null) {
  return useQuery({
    queryKey: ['imports', id],
    enabled: !!id,
    queryFn: ({ signal }) => apiRequest<ImportState>(`/imports/${id}`, { signal }),
    refetchInterval: (query) =>
      query.state.data && !['queued', 'running'].includes(query.state.data.status) ? false : 500,
  });
}

export const cancelImport = (id: string) =>
  apiRequest<ImportState>(`/imports/${id}/cancel`, { method: 'POST' });
export const undoImport = (id: string) => apiRequest<ImportState>(`/imports/${id}/undo`, { method: 'POST' });
export const importLogUrl = (id: string) => `${apiBase}/imports/${id}/log`;

const mappingsKey = (object: string) => ['imports', 'mappings', object] as const;

/** The mappings saved for files of this object, to map the next file of the same shape in one pick. */
export function useSavedMappings(object: string) {
  return useQuery({
    queryKey: mappingsKey(object),
    queryFn: ({ signal }) =>
      apiRequest<{ data: SavedMapping[] }>(`/imports/mappings?object=${encodeURIComponent(object)}`, {
        signal,
      }),
    select: (answer) => answer.data,
  });
}

export function useSaveMapping() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<SavedMapping, 'id' | 'createdAt'>) =>
      apiRequest<SavedMapping>('/imports/mappings', { method: 'POST', body: input }),
    onSuccess: (saved) => client.invalidateQueries({ queryKey: mappingsKey(saved.object) }),
  });
}

/** The photos imports kept from vCards for a contact, newest first. */
export function useContactPhotos(contactId: string) {
  return useQuery({
    queryKey: ['contacts', contactId, 'photos'],
    queryFn: ({ signal }) =>
      apiRequest<{ data: ContactPhoto[] }>(`/contacts/${contactId}/photos`, { signal }),
    select: (answer) => answer.data,
  });
}
