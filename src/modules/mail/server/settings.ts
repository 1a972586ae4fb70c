import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { rows, type Database, type Executor } from '../../../server/db/database';
import { assertAdmin, type RequestContext } from '../../../server/engine';
import { checkOutboundHost } from '../../../server/outboundHosts';
import type { Platform } from '../../../server/platform';
import type { MailPrivacy, MailSettings, MailSettingsInput } from '../contract';

interface SettingsRow {
  inboundToken: string;
  privacy: MailPrivacy;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecure: boolean;
  smtpUser: string | null;
  smtpPassword: string | null;
  fromAddress: string | null;
  fromName: string | null;
}

const columns = sql`inbound_token AS "inboundToken", privacy, smtp_host AS "smtpHost", smtp_port AS "smtpPort",
  smtp_secure AS "smtpSecure", smtp_user AS "smtpUser", smtp_password AS "smtpPassword",
  from_address AS "fromAddress", from_name AS "fromName"`;

/** Lowercase letters and digits only: mail systems may fold the case of an address's local part. */
function newInboundToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return `in-${[...randomBytes(20)].map((b) => alphabet[b & 31]).join('')}`;
}

/** The workspace's settings row, made on first use. */
export async function settingsRow(tx: Executor, workspaceId: string): Promise<SettingsRow> {
  await tx.execute(
    sql`INSERT INTO mail_settings (workspace_id, id, inbound_token) VALUES (${workspaceId}, ${uuidv7()}, ${newInboundToken()})
      ON CONFLICT (workspace_id) DO NOTHING`,
  );
  const [row] = await rows<SettingsRow>(
    tx,
    sql`SELECT ${columns} FROM mail_settings WHERE workspace_id = ${workspaceId}`,
  );
  return row;
}

/** The SMTP listener as it runs in this process: the port it is bound to, null while it is off. */
export interface ListenerStatus {
  port: number | null;
}

function answer(platform: Platform, status: ListenerStatus, row: SettingsRow): MailSettings {
  return {
    inboundAddress: `${row.inboundToken}@${platform.settings.RAPPORT_MAIL_DOMAIN}`,
    listener: { enabled: status.port !== null, port: status.port },
    privacy: row.privacy,
    smtp:
      row.smtpHost && row.smtpPort && row.fromAddress
        ? {
            host: row.smtpHost,
            port: row.smtpPort,
            secure: row.smtpSecure,
            user: row.smtpUser,
            passwordSet: row.smtpPassword !== null,
            fromAddress: row.fromAddress,
            fromName: row.fromName,
          }
        : null,
  };
}

export async function getMailSettings(
  platform: Platform,
  status: ListenerStatus,
  ctx: RequestContext,
): Promise<MailSettings> {
  return answer(platform, status, await ctx.db.write((tx) => settingsRow(tx, ctx.workspace.id)));
}

/** An admin's change; the SMTP host passes the outbound guard before anything is stored. */
export async function updateMailSettings(
  platform: Platform,
  status: ListenerStatus,
  ctx: RequestContext,
  input: MailSettingsInput,
): Promise<MailSettings> {
  assertAdmin(ctx);
  const smtp = input.smtp;
  if (smtp) await checkOutboundHost(smtp.host, platform.settings.RAPPORT_ALLOW_PRIVATE_HOSTS);
  const sealed =
    smtp?.password === undefined
      ? undefined
      : smtp.password === null
        ? null
        : platform.secrets.seal(smtp.password);
  const row = await ctx.db.write(async (tx) => {
    await settingsRow(tx, ctx.workspace.id);
    const sets = [sql`updated_at = now()`];
    if (input.privacy) sets.push(sql`privacy = ${input.privacy}`);
    if (smtp === null)
      sets.push(
        sql`smtp_host = NULL, smtp_port = NULL, smtp_user = NULL, smtp_password = NULL, from_address = NULL, from_name = NULL`,
      );
    if (smtp) {
      sets.push(sql`smtp_host = ${smtp.host}, smtp_port = ${smtp.port}, smtp_secure = ${smtp.secure},
        smtp_user = ${smtp.user ?? null}, from_address = ${smtp.fromAddress}, from_name = ${smtp.fromName ?? null}`);
      if (sealed !== undefined) sets.push(sql`smtp_password = ${sealed}`);
    }
    const [updated] = await rows<SettingsRow>(
      tx,
      sql`UPDATE mail_settings SET ${sql.join(sets, sql`, `)} WHERE workspace_id = ${ctx.workspace.id} RETURNING ${columns}`,
    );
    return updated;
  });
  return answer(platform, status, row);
}

/** The workspace an inbound address belongs to, or null when it is none of theirs. */
export async function workspaceOfAddress(
  db: Database,
  mailDomain: string,
  address: string,
): Promise<string | null> {
  const at = address.lastIndexOf('@');
  if (at < 1 || address.slice(at + 1).toLowerCase() !== mailDomain.toLowerCase()) return null;
  const token = address.slice(0, at).toLowerCase().replace(/\+.*$/, '');
  if (!/^in-[a-z2-7]{20}$/.test(token)) return null;
  const [row] = await db.read((x) =>
    rows<{ workspaceId: string }>(
      x,
      sql`SELECT workspace_id AS "workspaceId" FROM mail_settings WHERE inbound_token = ${token}`,
    ),
  );
  return row?.workspaceId ?? null;
}

/** What the SMTP transport needs, the password opened; null when no SMTP server is set. */
export async function outgoingServer(platform: Platform, workspaceId: string) {
  const row = await platform.db.write((tx) => settingsRow(tx, workspaceId));
  if (!row.smtpHost || !row.smtpPort || !row.fromAddress) return null;
  return {
    host: row.smtpHost,
    port: row.smtpPort,
    secure: row.smtpSecure,
    user: row.smtpUser,
    password: row.smtpPassword ? platform.secrets.open(row.smtpPassword) : null,
    fromAddress: row.fromAddress,
    fromName: row.fromName,
  };
}
