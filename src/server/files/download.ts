import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { isActiveContent } from './sniff';

/**
 * A file name as a user gave it, made safe to keep and show: no folders, no control characters, at
 * most 200 characters; `fallback` when nothing is left.
 */
export function safeFileName(raw: string, fallback = 'file'): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return [...clean].slice(0, 200).join('') || fallback;
}

/**
 * `Content-Disposition` for a download: letters of any script in `filename*` (RFC 6266) and an ASCII
 * fallback, so no name can break the header or a file system.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sends a stored file as a download, never as a page: anything a browser would render or run (HTML,
 * SVG, XML, scripts) goes out as plain bytes, and the browser is told not to guess.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { fileName: string; contentType: string; body: Buffer | Readable },
) {
  return reply
    .header('content-type', isActiveContent(file.contentType) ? 'application/octet-stream' : file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.body);
}
