import { DomainError } from '../../../common/errors';
import { writeTransaction } from '../../../server/engine';
import { readEvents } from './calendarData';
import { davRequest, multistatus, statusError, textOf } from './dav';
import { eventOf, type CalendarEvent } from './events';
import { IcalError } from './ical';
import {
  dropLink,
  linksOf,
  meetingFields,
  meetingState,
  saveLink,
  type EventLink,
  type SyncRun,
} from './run';

const syncCollection = (token: string | null) =>
  `<?xml version="1.0" encoding="utf-8"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>${token ?? ''}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`;
const etagListing = `<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>`;
const ctagOf = `<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><cs:getctag/></d:prop></d:propfind>`;

/** What changed on the server: members with their ETags, those gone, and whether the list is complete. */
interface Changes {
  changed: { href: string; etag: string | null }[];
  gone: string[];
  /** every member is listed: a known event missing from the list was deleted */
  complete: boolean;
  syncToken: string | null;
  ctag: string | null;
}

const pathOf = (href: string, base: string) => new URL(href, base).pathname;

/**
 * RFC 6578 sync-collection from the last token (from none: every member); a token the server no
 * longer knows starts over from none. A server without it is listed whole, ETags compared.
 */
async function changesOf(run: SyncRun): Promise<Changes> {
  const own = pathOf(run.calendarUrl, run.calendarUrl);
  const members = (entries: ReturnType<typeof multistatus>['entries']) =>
    entries.filter((e) => pathOf(e.href, run.calendarUrl) !== own);
  for (const token of run.syncToken ? [run.syncToken, null] : [null]) {
    const response = await davRequest(run.account, 'REPORT', run.calendarUrl, {
      depth: '1',
      body: syncCollection(token),
    });
    if (response.status === 207) {
      const { entries, syncToken } = multistatus(response.body);
      const listed = members(entries);
      return {
        changed: listed
          .filter((e) => e.status < 300)
          .map((e) => ({ href: pathOf(e.href, run.calendarUrl), etag: textOf(e.props.getetag) })),
        gone: listed.filter((e) => e.status === 404).map((e) => pathOf(e.href, run.calendarUrl)),
        complete: token === null,
        syncToken,
        ctag: null,
      };
    }
    if (response.status === 401) throw statusError(response, 'the calendar');
    if (response.status === 404) throw statusError(response, 'The calendar');
    // 403/409 with valid-sync-token: the token expired; try again from none. Other answers: no support.
    if (token === null || ![403, 409, 412].includes(response.status)) break;
  }
  // Without sync-collection: the CTag says whether anything changed, the ETags what.
  const tagged = await davRequest(run.account, 'PROPFIND', run.calendarUrl, { depth: '0', body: ctagOf });
  const [self] = tagged.status === 207 ? multistatus(tagged.body).entries : [];
  const ctag = self ? textOf(self.props.getctag) : null;
  if (ctag !== null && ctag === run.ctag)
    return { changed: [], gone: [], complete: false, syncToken: null, ctag };
  const response = await davRequest(run.account, 'PROPFIND', run.calendarUrl, {
    depth: '1',
    body: etagListing,
  });
  if (response.status !== 207) throw statusError(response, 'The calendar');
  const listed = members(multistatus(response.body).entries);
  return {
    changed: listed.map((e) => ({ href: pathOf(e.href, run.calendarUrl), etag: textOf(e.props.getetag) })),
    gone: [],
    complete: true,
    syncToken: null,
    ctag,
  };
}

/** When a series ends by its UNTIL, as an ISO time; null for a series without UNTIL. */
function seriesEnd(rule: string): string | null {
  const m = /UNTIL=(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?/i.exec(rule);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '23'}:${m[5] ?? '59'}:${m[6] ?? '59'}.000Z` : null;
}

const inWindow = (run: SyncRun, event: CalendarEvent) => {
  // A series that started before the window may still have meetings in it, unless it ended before.
  const end = event.rule
    ? (seriesEnd(event.rule) ?? run.window.to)
    : new Date(Date.parse(event.start) + (event.durationMinutes ?? 0) * 60_000).toISOString();
  return end >= run.window.from && event.start <= run.window.to;
};

const nameOf = (event: CalendarEvent | null, href: string) =>
  event?.subject ? `"${event.subject}"` : href.split('/').pop();

/** Bins the meeting of an event deleted on the server, and forgets the event. */
async function binMeeting(run: SyncRun, link: EventLink) {
  await writeTransaction(run.ctx, run.objects, async (records, tx) => {
    const meeting = await meetingState(run, tx, link.activityId);
    if (meeting && !meeting.deleted) {
      await records.delete('activities', [link.activityId]);
      if (meeting.version > link.syncedVersion)
        run.log.push(
          `A meeting changed in Rapport was deleted in the calendar: it went to the recycle bin (${link.href.split('/').pop()})`,
        );
      run.counts.updated++;
    }
    await dropLink(run, tx, link.href);
  });
}

/** One new or changed event: a new meeting, an update of its meeting, or, changed on both sides, the newest kept. */
async function applyEvent(
  run: SyncRun,
  href: string,
  etag: string | null,
  event: CalendarEvent,
  link?: EventLink,
) {
  await writeTransaction(run.ctx, run.objects, async (records, tx) => {
    const ours = /^([0-9a-f-]{36})@rapport$/.exec(event.uid)?.[1];
    const mine = !link && ours ? await meetingState(run, tx, ours) : null;
    // A binned meeting's event that comes back (moved from another calendar) is a new meeting.
    const before = link ? await meetingState(run, tx, link.activityId) : mine?.deleted ? null : mine;
    if (!link && before) {
      // Pushed by an earlier run that stopped before it noted the event: the same meeting, not a new one.
      await saveLink(run, tx, {
        href,
        uid: event.uid,
        etag,
        activityId: before.id,
        syncedVersion: before.version,
        location: event.location,
        keptRule: null,
        allDay: event.allDay,
      });
      return;
    }
    if (link && (!before || before.deleted)) {
      // Deleted in Rapport, changed in the calendar: the push that follows deletes it there too.
      await saveLink(run, tx, { ...link, etag });
      return;
    }
    let conflict: string | null = null;
    if (link && before && before.version > link.syncedVersion) {
      const theirs = event.changedAt ?? new Date().toISOString();
      if (theirs <= before.updatedAt) {
        run.log.push(
          `${nameOf(event, href)} changed on both sides; Rapport's change (${before.updatedAt}) is newer and was kept, and written to the calendar`,
        );
        await saveLink(run, tx, { ...link, etag });
        return;
      }
      conflict = `${nameOf(event, href)} changed on both sides; the calendar's change (${theirs}) is newer and was kept`;
    }
    const { body, keptRule } = await meetingFields(run, tx, event, before);
    let activityId: string;
    if (before) {
      await records.update('activities', [{ id: before.id, body, path: '' }]);
      activityId = before.id;
      run.counts.updated++;
    } else {
      const [created] = await records.create('activities', [
        { body: { ...body, ownerId: run.ctx.userId, assigneeId: run.ctx.userId }, path: '' },
      ]);
      activityId = created.id;
      run.counts.imported++;
    }
    const after = await meetingState(run, tx, activityId);
    await saveLink(run, tx, {
      href,
      uid: event.uid,
      etag,
      activityId,
      syncedVersion: after?.version ?? 1,
      location: event.location,
      keptRule,
      allDay: event.allDay,
    });
    if (conflict) run.log.push(conflict);
    if (keptRule)
      run.log.push(
        `${nameOf(event, href)} repeats without end (${keptRule}); its meeting is the first occurrence, and the rule is kept for the calendar`,
      );
  });
}

/** Brings the calendar's new, changed and deleted events into the user's meetings; answers where the next pull starts. */
export async function pullEvents(run: SyncRun): Promise<{ syncToken: string | null; ctag: string | null }> {
  const changes = await changesOf(run);
  const links = await run.platform.db.read((x) => linksOf(run, x));
  const listed = new Set(changes.changed.map((c) => c.href));
  const gone = [
    ...changes.gone,
    ...(changes.complete ? [...links.keys()].filter((href) => !listed.has(href)) : []),
  ];
  for (const href of gone) {
    const link = links.get(href);
    if (link) await binMeeting(run, link);
  }
  const waiting = changes.changed.filter(({ href, etag }) => {
    const link = links.get(href);
    return !link || etag === null || link.etag !== etag;
  });
  const listedEtag = new Map(waiting.map((c) => [c.href, c.etag]));
  for await (const read of readEvents(
    run,
    waiting.map((c) => c.href),
  )) {
    const href = read.href;
    const link = links.get(href);
    if (read.status === 404) {
      if (link) await binMeeting(run, link);
      continue;
    }
    run.counts.seen++;
    let event: CalendarEvent | null;
    try {
      event = eventOf(read.text);
    } catch (error) {
      if (!(error instanceof IcalError)) throw error;
      run.counts.failed++;
      run.log.push(`${href.split('/').pop()} could not be read and was skipped: ${error.message}`);
      continue;
    }
    if (!event) continue;
    const currentEtag = read.etag ?? listedEtag.get(href) ?? null;
    if (event.cancelled) {
      if (link) await binMeeting(run, link);
      continue;
    }
    if (!link && !inWindow(run, event)) continue;
    try {
      await applyEvent(run, href, currentEtag, event, link);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The engine refused the meeting (a value out of its rules): this event fails, the others go on.
      run.counts.failed++;
      const fields = (error.errors ?? []).map((e) => `${e.path} ${e.message}`).join('; ');
      run.log.push(`${nameOf(event, href)} could not be saved as a meeting: ${fields || error.message}`);
    }
  }
  return { syncToken: changes.syncToken, ctag: changes.ctag };
}
