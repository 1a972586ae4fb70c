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
export async function downloadViewExport(
  object: string,
  format: ExportFormat,
  query: { filter?: FilterNode; sort?: string; q?: string },
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(exportPath(object, format), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(format === 'vcf' ? query : { format, ...query }),
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
