import type { FilterNode } from '../../../common/pagination';
import { apiBase, ApiError } from '../../api/http';

/**
 * Downloads a view whose filter has "any" groups, which a link's query string cannot carry:
 * POST /{object}/export with the filter tree, then save the answer as a file.
 */
export type ExportFormat = 'csv' | 'xlsx';

export async function downloadViewExport(
  object: string,
  format: ExportFormat,
  query: { filter?: FilterNode; sort?: string; q?: string },
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${apiBase}/${object}/export`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ format, ...query }),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) throw new ApiError(response.status, null);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
    `${object}.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
