import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { assertAdmin, type RequestContext } from '../../../server/engine';
import type { AddressBookSettings, AddressBookSettingsInput } from '../contract';
import { davRoot, principalPath } from './properties';
import { addressBookSettings } from './tables';

/** Whether the workspace lets phones change contacts; read-only until an admin says otherwise. */
export async function twoWayAllowed(ctx: RequestContext): Promise<boolean> {
  const [row] = await ctx.db.read((x) =>
    x
      .select({ twoWay: addressBookSettings.twoWay })
      .from(addressBookSettings)
      .where(eq(addressBookSettings.workspaceId, ctx.workspace.id)),
  );
  return row?.twoWay ?? false;
}

/** The server's address as users reach it: RAPPORT_PUBLIC_URL, else the host the request came to. */
function origin(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

export async function readSettings(
  ctx: RequestContext,
  request: FastifyRequest,
  publicUrl: string | undefined,
): Promise<AddressBookSettings> {
  const base = origin(request, publicUrl);
  return {
    serverUrl: `${base}${davRoot}`,
    principalUrl: `${base}${principalPath}`,
    twoWay: await twoWayAllowed(ctx),
  };
}

export async function saveSettings(ctx: RequestContext, input: AddressBookSettingsInput): Promise<void> {
  assertAdmin(ctx);
  const values = { twoWay: input.twoWay, updatedAt: new Date().toISOString(), updatedBy: ctx.userId };
  await ctx.db.write((tx) =>
    tx
      .insert(addressBookSettings)
      .values({ workspaceId: ctx.workspace.id, ...values })
      .onConflictDoUpdate({ target: addressBookSettings.workspaceId, set: values }),
  );
}
