import { sql } from 'drizzle-orm';
import { Forbidden } from '../../../common/errors';
import { rows, type Database } from '../../../server/db/database';
import type { RequestContext } from '../../../server/engine';
import type { Role } from '../../auth/contract';

/**
 * The importer's own rights, read again when the job runs: an import writes as the user who started
 * it, with source `import`, and a user disabled or demoted since then imports no more than they now may.
 */
export async function importerContext(
  db: Database,
  workspaceId: string,
  userId: string,
): Promise<RequestContext> {
  const [u] = await db.read((x) =>
    rows<{
      name: string;
      role: Role;
      team_id: string | null;
      disabled: boolean;
      w_name: string;
      default_country: string;
      base_currency: string;
      require_two_factor: boolean;
      metadata_version: number;
    }>(
      x,
      sql`SELECT u.name, u.role, u.team_id, u.disabled, w.name AS w_name, w.default_country, w.base_currency,
          w.require_two_factor, w.metadata_version
        FROM users u JOIN workspaces w ON w.id = u.workspace_id
        WHERE u.workspace_id = ${workspaceId} AND u.id = ${userId}`,
    ),
  );
  if (!u || u.disabled) throw new Forbidden('The user who started this import can no longer sign in');
  return {
    db,
    workspace: {
      id: workspaceId,
      name: u.w_name,
      defaultCountry: u.default_country,
      baseCurrency: u.base_currency,
      requireTwoFactor: u.require_two_factor,
      metadataVersion: u.metadata_version,
    },
    userId,
    teamId: u.team_id,
    role: u.role,
    actor: { type: 'user', id: userId, name: u.name },
    source: 'import',
  };
}
