import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { DomainError, ValidationFailed } from '../../../common/errors';
import { importOptions, type ImportOptions } from '../contract';
import { parse } from '../../../server/http/validate';

export class FileTooLarge extends DomainError {
  constructor(maxBytes: number) {
    const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    super(413, 'Payload too large', `The file is larger than ${mb} MB, the most an import takes`, [
      { path: 'file', message: `is larger than ${mb} MB` },
    ]);
  }
}

export interface Upload {
  fileName: string;
  fields: Record<string, string>;
}

/**
 * Streams the multipart `file` to `path` (never into memory) and collects the other fields. A file over
 * the limit is a 413 and nothing stays on disk.
 */
export async function receiveUpload(
  request: FastifyRequest,
  path: string,
  maxBytes: number,
): Promise<Upload> {
  if (!request.isMultipart())
    throw new ValidationFailed('Send the file as multipart/form-data', [
      { path: 'file', message: 'is required' },
    ]);
  await mkdir(dirname(path), { recursive: true });
  const fields: Record<string, string> = {};
  let fileName: string | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          continue;
        }
        fileName = part.filename || 'upload';
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw new FileTooLarge(maxBytes);
      } else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof DomainError) throw error;
    if (error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new FileTooLarge(maxBytes);
    throw new ValidationFailed('The upload could not be read', [
      { path: 'file', message: (error as Error).message },
    ]);
  }
  if (fileName === null)
    throw new ValidationFailed('No file was sent', [{ path: 'file', message: 'is required' }]);
  return { fileName, fields };
}

function json(fields: Record<string, string>, name: string): unknown {
  if (fields[name] === undefined || fields[name] === '') return undefined;
  try {
    return JSON.parse(fields[name]);
  } catch {
    throw new ValidationFailed(`${name} is not JSON`, [{ path: name, message: 'is not valid JSON' }]);
  }
}

/** The import's options from the multipart fields: `mapping` and `match` as JSON, `dryRun` as true/false. */
export function optionsOf(fields: Record<string, string>): ImportOptions {
  const known = new Set(['object', 'mapping', 'match', 'dryRun']);
  const unknown = Object.keys(fields).filter((k) => !known.has(k));
  if (unknown.length)
    throw new ValidationFailed(
      'Unknown fields',
      unknown.map((path) => ({ path, message: 'unknown field' })),
    );
  const dryRun = fields.dryRun;
  if (dryRun !== undefined && !['true', 'false', '1', '0', ''].includes(dryRun))
    throw new ValidationFailed('dryRun is true or false', [
      { path: 'dryRun', message: 'must be true or false' },
    ]);
  return parse(importOptions, {
    object: fields.object,
    mapping: json(fields, 'mapping'),
    match: json(fields, 'match'),
    dryRun: dryRun === 'true' || dryRun === '1',
  });
}
