import type { Role } from '../../modules/auth/contract';
import type { Database } from '../db/database';

export type ChangeSource =
  | 'app'
  | 'api'
  | 'import'
  | 'merge'
  | 'automation'
  | 'email'
  | 'system'
  | 'assignment'
  /** a phone's address book, over CardDAV */
  | 'contactSync'
  /** the user's own calendar, over CalDAV */
  | 'calendarSync';

export interface Actor {
  type: 'user' | 'apiKey' | 'system';
  id: string | null;
  name: string;
}

export interface WorkspaceInfo {
  id: string;
  name: string;
  defaultCountry: string;
  baseCurrency: string;
  requireTwoFactor: boolean;
  metadataVersion: number;
}

/** Who is asking, in which workspace, with which rights: every service function takes one. */
export interface RequestContext {
  db: Database;
  workspace: WorkspaceInfo;
  userId: string;
  teamId: string | null;
  role: Role;
  actor: Actor;
  source: ChangeSource;
  /** What the change came from, kept in history for provenance: `imports/<id>`, `merges/<id>` */
  sourceRef?: string;
  /** A session's last sign-in or password re-entry (ISO time); absent for API keys and system work. */
  signedInAt?: string;
}
