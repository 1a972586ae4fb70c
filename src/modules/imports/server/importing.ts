import type { TestApp } from '../../../server/testing';
import type { ImportState } from '../contract';

export interface ImportRequest {
  file: Buffer | string;
  name?: string;
  object?: string;
  mapping?: Record<string, string>;
  match?: { field: string; onMatch: 'skip' | 'update' | 'create' };
  dryRun?: boolean;
}

/** The multipart body of an import, as a browser's form would send it. */
export function multipartBody(request: ImportRequest): { body: Buffer; contentType: string } {
  const boundary = `----rapport${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  const field = (name: string, value: string) =>
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  field('object', request.object ?? 'contacts');
  if (request.mapping) field('mapping', JSON.stringify(request.mapping));
  if (request.match) field('match', JSON.stringify(request.match));
  if (request.dryRun !== undefined) field('dryRun', String(request.dryRun));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${request.name ?? 'people.csv'}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    typeof request.file === 'string' ? Buffer.from(request.file) : request.file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a file to an import endpoint (`/api/v1/imports` or its preview). */
export async function postImport(
  app: Pick<TestApp, 'fastify'>,
  as: string,
  request: ImportRequest,
  path = '/api/v1/imports',
) {
  const { body, contentType } = multipartBody(request);
  const response = await app.fastify.inject({
    method: 'POST',
    url: path,
    headers: { origin: 'http://localhost:80', cookie: `rapport_session=${as}`, 'content-type': contentType },
    payload: body,
  });
  return {
    status: response.statusCode,
    json: <T = Record<string, unknown>>() => JSON.parse(response.body) as T,
    body: response.body,
  };
}

/** Waits until the import's job has finished (the app's job queue must be started). */
export async function finished(
  app: TestApp,
  as: string,
  id: string,
  timeoutMs = 60_000,
): Promise<ImportState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = (await app.call('GET', `/api/v1/imports/${id}`, { as })).json<ImportState>();
    if (!['queued', 'running'].includes(state.status)) return state;
    if (Date.now() > until) throw new Error(`import ${id} still ${state.status}: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts an import and waits for it; answers its final state. */
export async function importAndWait(app: TestApp, as: string, request: ImportRequest): Promise<ImportState> {
  const started = await postImport(app, as, request);
  if (started.status !== 202) throw new Error(`import not started: ${started.status} ${started.body}`);
  return finished(app, as, started.json<{ id: string }>().id);
}
