import type { FilterNode } from '../../../common/pagination';
import { apiBase, ApiError } from '../../api/http';

/** CSV and Excel for any list; vCard (an address book's format) for contacts. */
export type ExportFormat = 'csv' | 'xlsx' | 'vcf';

/** Where a list's file comes from: `/{object}/export?format=` or, for vCard, `/contacts/export.vcf`. */
export function exportPath(object: string, format: ExportFormat): string {
  return format === 'vcf' ? `${apiBase}/${object}/export.vcf` : `${apiBase}/${object}/export`;
}

/**
 * Downloads a view whose filter has "any" groups, which a link's query string cannot carry:
 * POST the filter tree to the export, then save the answer as a file.
 */
export function downloadViewExport(
  object: string,
  format: ExportFormat,
  query: { filter?: FilterNode; sort?: string; q?: string },
): Promise<void> {
  return downloadPosted(
    exportPath(object, format),
    format === 'vcf' ? query : { format, ...query },
    `${object}.${format}`,
  );
}

/** POSTs a JSON body and saves the answer as a file, named as the server says (`fallback` otherwise). */
export async function downloadPosted(url: string, body: unknown, fallback: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) throw new ApiError(response.status, null);
  const file = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = file;
  link.download =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
  link.click();
  setTimeout(() => URL.revokeObjectURL(file), 10_000);
}
