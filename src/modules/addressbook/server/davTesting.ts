import type { TestApp } from '../../../server/testing';

/** A user as a phone sees them: a Basic header with their email and an API key of theirs. */
export async function phoneOf(app: TestApp, user: { cookie: string; email: string }) {
  const key = await app.call('POST', '/api/v1/api-keys', { as: user.cookie, body: { name: 'Phone' } });
  if (key.status !== 201) throw new Error(`api key: ${key.status} ${key.body}`);
  const token = key.json<{ token: string }>().token;
  return { token, basic: `Basic ${Buffer.from(`${user.email}:${token}`).toString('base64')}` };
}

/** A WebDAV request as phones send it: a method, a path, XML or vCard text, and a few headers. */
export async function davCall(
  app: TestApp,
  method: string,
  url: string,
  options: { auth?: string; body?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = options.auth;
  if (options.body !== undefined) headers['content-type'] ??= 'application/xml; charset=utf-8';
  const response = await app.fastify.inject({
    method: method as 'GET',
    url,
    headers,
    payload: options.body,
  });
  return { status: response.statusCode, headers: response.headers, body: response.body };
}

/** The hrefs of a multistatus answer with the status each came with (200 for found properties). */
export function hrefsOf(xml: string): string[] {
  return [...xml.matchAll(/<d:response><d:href>([^<]*)<\/d:href>/g)].map((m) => m[1]);
}

export const propfindBody = (props: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><A:propfind xmlns:A="DAV:" xmlns:B="urn:ietf:params:xml:ns:carddav" xmlns:C="http://calendarserver.org/ns/"><A:prop>${props}</A:prop></A:propfind>`;
