import { sql } from 'drizzle-orm';
import { rows, type Database } from '../db/database';
import type { RequestContext } from '../engine/context';

/** A context that acts for the system inside one workspace, as seeding and jobs do. */
export async function systemContext(
  db: Database,
  workspaceId: string,
  userId: string,
): Promise<RequestContext> {
  const [w] = await db.read((x) =>
    rows<{
      id: string;
      name: string;
      default_country: string;
      base_currency: string;
      require_two_factor: boolean;
      metadata_version: number;
    }>(
      x,
      sql`SELECT id, name, default_country, base_currency, require_two_factor, metadata_version FROM workspaces WHERE id = ${workspaceId}`,
    ),
  );
  if (!w) throw new Error(`No workspace ${workspaceId}`);
  return {
    db,
    workspace: {
      id: w.id,
      name: w.name,
      defaultCountry: w.default_country,
      baseCurrency: w.base_currency,
      requireTwoFactor: w.require_two_factor,
      metadataVersion: w.metadata_version,
    },
    userId,
    teamId: null,
    role: 'admin',
    actor: { type: 'system', id: null, name: 'Rapport seed' },
    source: 'system',
  };
}

/**
 * A context that acts as one user of the workspace, with their current role and team, for work a job
 * does on their behalf (a report they scheduled); null when the user is gone or disabled.
 */
export async function userContext(
  db: Database,
  workspaceId: string,
  userId: string,
): Promise<RequestContext | null> {
  const [user] = await db.read((x) =>
    rows<{ name: string; role: RequestContext['role']; team_id: string | null }>(
      x,
      sql`SELECT name, role, team_id FROM users
        WHERE workspace_id = ${workspaceId} AND id = ${userId} AND NOT disabled`,
    ),
  );
  if (!user) return null;
  const ctx = await systemContext(db, workspaceId, userId);
  return {
    ...ctx,
    teamId: user.team_id,
    role: user.role,
    actor: { type: 'user', id: userId, name: user.name },
    source: 'automation',
  };
}
