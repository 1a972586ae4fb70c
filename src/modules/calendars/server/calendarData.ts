import { davRequest, multistatus, statusError, textOf } from './dav';
import type { SyncRun } from './run';

/** Events read per calendar-multiget request. */
const batchSize = 50;

export interface ReadEvent {
  href: string;
  /** 404: deleted since it was listed */
  status: 200 | 404;
  etag: string | null;
  text: string;
}

const multiget = (hrefs: string[]) =>
  `<?xml version="1.0" encoding="utf-8"?><c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>${hrefs
    .map((h) => `<d:href>${h.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</d:href>`)
    .join('')}</c:calendar-multiget>`;

/** Servers differ in how they escape an href: compare them decoded. */
const keyOf = (href: string, base: string) => {
  const path = new URL(href, base).pathname;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

async function readOne(run: SyncRun, href: string): Promise<ReadEvent> {
  const response = await davRequest(run.account, 'GET', new URL(href, run.calendarUrl).href);
  if (response.status === 404) return { href, status: 404, etag: null, text: '' };
  if (response.status !== 200) throw statusError(response, href);
  return {
    href,
    status: 200,
    etag: (response.headers.etag as string | undefined) ?? null,
    text: response.body,
  };
}

/**
 * The events at `hrefs`, 50 at a time by calendar-multiget (RFC 4791 §7.9); one by one with GET
 * when the server does not answer it, or leaves an href out of its answer.
 */
export async function* readEvents(run: SyncRun, hrefs: string[]): AsyncGenerator<ReadEvent> {
  for (let i = 0; i < hrefs.length; i += batchSize) {
    const batch = hrefs.slice(i, i + batchSize);
    const response = await davRequest(run.account, 'REPORT', run.calendarUrl, {
      depth: '1',
      body: multiget(batch),
    });
    if (response.status === 401) throw statusError(response, 'the calendar');
    const found = new Map<string, ReadEvent>();
    if (response.status === 207)
      for (const entry of multistatus(response.body).entries) {
        const data = textOf(entry.props['calendar-data']);
        const key = keyOf(entry.href, run.calendarUrl);
        if (entry.status === 404) found.set(key, { href: entry.href, status: 404, etag: null, text: '' });
        else if (data !== null)
          found.set(key, { href: entry.href, status: 200, etag: textOf(entry.props.getetag), text: data });
      }
    for (const href of batch) {
      const read = found.get(keyOf(href, run.calendarUrl));
      yield read ? { ...read, href } : await readOne(run, href);
    }
  }
}
