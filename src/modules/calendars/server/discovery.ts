import type { CalendarChoice } from '../contract';
import { DavError, davRequest, hrefIn, multistatus, statusError, textOf, type DavAccount } from './dav';

const propfind = (props: string) =>
  `<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop>${props}</d:prop></d:propfind>`;

async function properties(account: DavAccount, url: string, depth: '0' | '1', props: string) {
  const response = await davRequest(account, 'PROPFIND', url, { depth, body: propfind(props) });
  if (response.status !== 207) throw statusError(response, url);
  return multistatus(response.body).entries;
}

/** `.well-known/caldav` (RFC 6764) answers a redirect to the server's CalDAV root; followed at most 3 times. */
async function wellKnown(account: DavAccount, start: string): Promise<string> {
  let url = new URL('/.well-known/caldav', start).href;
  for (let hop = 0; hop < 3; hop++) {
    const response = await davRequest(account, 'PROPFIND', url, {
      depth: '0',
      body: propfind('<d:current-user-principal/>'),
    });
    const next = response.headers.location;
    if (response.status >= 300 && response.status < 400 && next) url = new URL(next, url).href;
    else return url;
  }
  return url;
}

async function principalOf(account: DavAccount, start: string): Promise<string | null> {
  for (const url of [start, await wellKnown(account, start)]) {
    try {
      const [self] = await properties(account, url, '0', '<d:current-user-principal/>');
      const href = self ? hrefIn(self.props['current-user-principal']) : null;
      if (href) return new URL(href, url).href;
    } catch (error) {
      // A refused password is the answer; anything else: the well-known address may still lead there.
      if (error instanceof DavError && /user name or password/.test(error.message)) throw error;
    }
  }
  return null;
}

const isCalendar = (props: Record<string, unknown>) => {
  const type = props.resourcetype;
  return typeof type === 'object' && type !== null && 'calendar' in type;
};

/** Calendars that take events: a collection without a component set takes every kind. */
const takesEvents = (props: Record<string, unknown>) => {
  const set = props['supported-calendar-component-set'] as { comp?: { '@name'?: string }[] } | undefined;
  return !set?.comp || set.comp.some((c) => c['@name']?.toUpperCase() === 'VEVENT');
};

/**
 * The user's calendars, found as RFC 4791 §6 says: the principal (current-user-principal, from the
 * address given or `.well-known/caldav`), its calendar-home-set, and the calendar collections in it.
 * An address that is itself a calendar is one too.
 */
export async function discoverCalendars(account: DavAccount, start: string): Promise<CalendarChoice[]> {
  const found = new Map<string, CalendarChoice>();
  const add = (base: string, href: string, props: Record<string, unknown>) => {
    if (!isCalendar(props) || !takesEvents(props)) return;
    const url = new URL(href, base).href;
    const name =
      textOf(props.displayname)?.trim() || decodeURIComponent(url.replace(/\/$/, '').split('/').pop() ?? url);
    found.set(url, { url, name });
  };
  const principal = await principalOf(account, start);
  if (principal) {
    const [self] = await properties(account, principal, '0', '<c:calendar-home-set/>');
    const home = self ? hrefIn(self.props['calendar-home-set']) : null;
    if (home) {
      const homeUrl = new URL(home, principal).href;
      const members = await properties(
        account,
        homeUrl,
        '1',
        '<d:resourcetype/><d:displayname/><c:supported-calendar-component-set/>',
      );
      for (const m of members) add(homeUrl, m.href, m.props);
    }
  }
  if (found.size === 0) {
    const [self] = await properties(account, start, '0', '<d:resourcetype/><d:displayname/>');
    if (self) add(start, self.href || start, self.props);
  }
  if (!principal && found.size === 0)
    throw new DavError('No CalDAV server answers at this address (no principal, no calendar)');
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
