import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { NotFound, ValidationFailed } from '../../../common/errors';
import { rows } from '../../../server/db/database';
import { assertCanWrite, type RequestContext } from '../../../server/engine';
import { checkOutboundHost } from '../../../server/outboundHosts';
import type { Platform } from '../../../server/platform';
import type {
  CalendarConnection,
  CalendarConnectionInput,
  CalendarConnectionPatch,
  ConnectionTest,
} from '../contract';
import { DavError, sameService, type DavAccount } from './dav';
import { discoverCalendars } from './discovery';

/** No successful sync for this long makes a connection stale. */
export const staleAfterMs = 60 * 60 * 1000;

const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

type Row = Omit<CalendarConnection, 'health' | 'passwordSet'> & Omit<CalendarConnection['health'], 'state'>;

const selectConnections = (ctx: RequestContext) => sql`SELECT c.id, c.url, c.username,
    c.calendar_url AS "calendarUrl", c.calendar_name AS "calendarName", ${iso('c.created_at')} AS "createdAt",
    ${iso('c.last_success_at')} AS "lastSuccessAt", ${iso('c.last_attempt_at')} AS "lastAttemptAt",
    c.seen, c.imported, c.updated, c.pushed, c.failed, c.last_error AS "lastError", c.log
  FROM calendar_connections c WHERE c.workspace_id = ${ctx.workspace.id} AND c.user_id = ${ctx.userId}`;

/** Health as it is: an attempt that failed after the last success is failing, an hour without success is stale. */
function withHealth(row: Row, now = Date.now()): CalendarConnection {
  const { lastSuccessAt, lastAttemptAt, seen, imported, updated, pushed, failed, lastError, log, ...rest } =
    row;
  const attemptFailed =
    lastAttemptAt !== null && (lastSuccessAt === null || lastAttemptAt > lastSuccessAt) && lastError !== null;
  const state =
    rest.calendarUrl === null
      ? 'noCalendar'
      : attemptFailed
        ? 'failing'
        : now - Date.parse(lastSuccessAt ?? rest.createdAt) > staleAfterMs
          ? 'stale'
          : lastSuccessAt === null
            ? 'waiting'
            : 'ok';
  return {
    ...rest,
    passwordSet: true,
    health: { state, lastSuccessAt, lastAttemptAt, seen, imported, updated, pushed, failed, lastError, log },
  };
}

export async function listConnections(ctx: RequestContext): Promise<CalendarConnection[]> {
  const found = await ctx.db.read((x) =>
    rows<Row>(x, sql`${selectConnections(ctx)} ORDER BY c.created_at, c.id`),
  );
  return found.map((row) => withHealth(row));
}

export async function connectionOf(ctx: RequestContext, id: string): Promise<CalendarConnection> {
  const [found] = await ctx.db.read((x) => rows<Row>(x, sql`${selectConnections(ctx)} AND c.id = ${id}`));
  if (!found) throw new NotFound(`No calendar connection of yours with id ${id}`);
  return withHealth(found);
}

const checkUrl = (platform: Platform, url: string) =>
  checkOutboundHost(new URL(url).hostname, platform.settings.RAPPORT_ALLOW_PRIVATE_HOSTS);

/** A calendar must be on the service the connection reaches, so the password never travels elsewhere. */
function assertSameServer(url: string, calendarUrl: string | null | undefined) {
  if (calendarUrl && !sameService(url, calendarUrl))
    throw new ValidationFailed('The calendar must be on the server you connect to', [
      { path: 'calendarUrl', message: `is not on ${new URL(url).origin}` },
    ]);
}

export async function addConnection(platform: Platform, ctx: RequestContext, input: CalendarConnectionInput) {
  assertCanWrite(ctx);
  await checkUrl(platform, input.url);
  assertSameServer(input.url, input.calendarUrl);
  const id = uuidv7();
  await ctx.db.write((tx) =>
    tx.execute(sql`INSERT INTO calendar_connections (workspace_id, id, user_id, url, username, password, calendar_url)
      VALUES (${ctx.workspace.id}, ${id}, ${ctx.userId}, ${input.url}, ${input.username},
        ${platform.secrets.seal(input.password)}, ${input.calendarUrl ?? null})`),
  );
  return id;
}

export async function changeConnection(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  input: CalendarConnectionPatch,
) {
  assertCanWrite(ctx);
  const current = await connectionOf(ctx, id);
  if (input.url) await checkUrl(platform, input.url);
  assertSameServer(
    input.url ?? current.url,
    input.calendarUrl === undefined ? current.calendarUrl : input.calendarUrl,
  );
  const anotherCalendar = input.calendarUrl !== undefined && input.calendarUrl !== current.calendarUrl;
  const sets = [
    ...(input.url !== undefined ? [sql`url = ${input.url}`] : []),
    ...(input.username !== undefined ? [sql`username = ${input.username}`] : []),
    ...(input.password !== undefined ? [sql`password = ${platform.secrets.seal(input.password)}`] : []),
    // Another calendar is another set of events: its sync starts from the beginning; meetings stay.
    ...(anotherCalendar
      ? [sql`calendar_url = ${input.calendarUrl}, calendar_name = NULL, sync_token = NULL, ctag = NULL`]
      : []),
  ];
  if (sets.length === 0) return;
  await ctx.db.write(async (tx) => {
    await tx.execute(
      sql`UPDATE calendar_connections SET ${sql.join(sets, sql`, `)} WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`,
    );
    if (anotherCalendar)
      await tx.execute(
        sql`DELETE FROM calendar_events WHERE workspace_id = ${ctx.workspace.id} AND connection_id = ${id}`,
      );
  });
}

/** Disconnects the calendar; the meetings synced with it stay, and the calendar's events too. */
export async function removeConnection(ctx: RequestContext, id: string) {
  assertCanWrite(ctx);
  await connectionOf(ctx, id);
  await ctx.db.write((tx) =>
    tx.execute(sql`DELETE FROM calendar_connections WHERE workspace_id = ${ctx.workspace.id} AND id = ${id}`),
  );
}

/** The connection's server and credentials, the password opened, for a request to the server. */
export async function accountOf(platform: Platform, workspaceId: string, id: string) {
  const [found] = await platform.db.read((x) =>
    rows<{ url: string; username: string; password: string }>(
      x,
      sql`SELECT url, username, password FROM calendar_connections WHERE workspace_id = ${workspaceId} AND id = ${id}`,
    ),
  );
  if (!found) throw new NotFound(`No calendar connection with id ${id}`);
  // A workspace moved from another installation cannot open passwords sealed with that one's key.
  if (found.password === '')
    throw new DavError("Enter the password again: it was sealed with the old host's key");
  const account: DavAccount = {
    url: found.url,
    username: found.username,
    password: platform.secrets.open(found.password),
    allowance: platform.settings.RAPPORT_ALLOW_PRIVATE_HOSTS,
  };
  return { url: found.url, account };
}

/** Reaches the server with the connection's credentials and lists its calendars, or says why it cannot. */
export async function testConnection(
  platform: Platform,
  ctx: RequestContext,
  id: string,
): Promise<ConnectionTest> {
  await connectionOf(ctx, id);
  try {
    const { url, account } = await accountOf(platform, ctx.workspace.id, id);
    return { ok: true, error: null, calendars: await discoverCalendars(account, url) };
  } catch (error) {
    if (!(error instanceof DavError)) throw error;
    return { ok: false, error: (error as Error).message, calendars: [] };
  }
}
