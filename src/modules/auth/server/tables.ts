import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Role } from '../contract';
import { timestamptz } from '../../../server/engine';

/** The tenant root: distributed by its own id on Citus, every other tenant table by workspace_id. */
export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  defaultCountry: text('default_country').notNull().default('US'),
  baseCurrency: text('base_currency').notNull().default('USD'),
  requireTwoFactor: boolean('require_two_factor').notNull().default(false),
  metadataVersion: integer('metadata_version').notNull().default(1),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

/**
 * Global sign-in directory (a reference table on Citus): which workspaces an email belongs to. One
 * person may belong to several; failed sign-ins are counted in rate_limits, per email and address.
 */
export const identities = pgTable(
  'identities',
  {
    email: text('email').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [primaryKey({ name: 'identities_pkey', columns: [t.email, t.workspaceId] })],
);

export const teams = pgTable(
  'teams',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'teams_pkey', columns: [t.workspaceId, t.id] }),
    unique('teams_name_key').on(t.workspaceId, t.name),
  ],
);

export const users = pgTable(
  'users',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    teamId: uuid('team_id'),
    passwordHash: text('password_hash').notNull(),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The time step of the last code accepted: a code is good once (see acceptTotp). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'users_pkey', columns: [t.workspaceId, t.id] }),
    unique('users_email_key').on(t.workspaceId, t.email),
    index('users_team_idx').on(t.workspaceId, t.teamId),
    foreignKey({ name: 'users_workspace_fk', columns: [t.workspaceId], foreignColumns: [workspaces.id] }),
    foreignKey({
      name: 'users_team_fk',
      columns: [t.workspaceId, t.teamId],
      foreignColumns: [teams.workspaceId, teams.id],
    }),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    workspaceId: uuid('workspace_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** what the user sees and signs out by; the token hash never leaves the server */
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    /** When the user last entered their password or code again in this session (see reauthenticate). */
    verifiedAt: timestamptz('verified_at'),
    userAgent: text('user_agent'),
    ip: text('ip'),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'sessions_pkey', columns: [t.workspaceId, t.tokenHash] }),
    unique('sessions_id_key').on(t.workspaceId, t.id),
    index('sessions_user_idx').on(t.workspaceId, t.userId),
    /** the hourly purge of expired sessions */
    index('sessions_expiry_idx').on(t.expiresAt),
    foreignKey({
      name: 'sessions_user_fk',
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete('cascade'),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    /** Written at most every few minutes, from a principal cache miss (see authenticate). */
    lastUsedAt: timestamptz('last_used_at'),
    /** Optional: the key stops working then. */
    expiresAt: timestamptz('expires_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    primaryKey({ name: 'api_keys_pkey', columns: [t.workspaceId, t.id] }),
    unique('api_keys_token_key').on(t.workspaceId, t.tokenHash),
    foreignKey({
      name: 'api_keys_user_fk',
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }),
  ],
);

/** One-time codes that stand in for the authenticator app; only hashes are kept, `used_at` marks a spent one. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [
    primaryKey({ name: 'recovery_codes_pkey', columns: [t.workspaceId, t.userId, t.codeHash] }),
    foreignKey({
      name: 'recovery_codes_user_fk',
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete('cascade'),
  ],
);

/**
 * Passkeys (WebAuthn credentials): one signs in without a password, or stands in for the code after
 * one. Only the public key is kept; `counter` is the authenticator's signature count, which must grow.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    /** base64url, as the browser names it */
    credentialId: text('credential_id').notNull(),
    /** base64url of the COSE public key */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull(),
    transports: text('transports').array().notNull(),
    /** synced by a password manager or platform (a "multi-device" credential) */
    backedUp: boolean('backed_up').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastUsedAt: timestamptz('last_used_at'),
  },
  (t) => [
    primaryKey({ name: 'passkeys_pkey', columns: [t.workspaceId, t.id] }),
    unique('passkeys_credential_key').on(t.workspaceId, t.credentialId),
    index('passkeys_user_idx').on(t.workspaceId, t.userId),
    foreignKey({
      name: 'passkeys_user_fk',
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete('cascade'),
  ],
);

/** An admin's invitation by link: the token is stored hashed, expires, and works once. */
export const invitations = pgTable(
  'invitations',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    role: text('role').$type<Role>().notNull(),
    teamId: uuid('team_id'),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    acceptedAt: timestamptz('accepted_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    primaryKey({ name: 'invitations_pkey', columns: [t.workspaceId, t.id] }),
    unique('invitations_token_key').on(t.workspaceId, t.tokenHash),
    index('invitations_email_idx').on(t.workspaceId, t.email),
    foreignKey({
      name: 'invitations_inviter_fk',
      columns: [t.workspaceId, t.invitedBy],
      foreignColumns: [users.workspaceId, users.id],
    }),
  ],
);

/** A password reset link an admin hands a user: hashed, expiring, single use. */
export const passwordResets = pgTable(
  'password_resets',
  {
    workspaceId: uuid('workspace_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [
    primaryKey({ name: 'password_resets_pkey', columns: [t.workspaceId, t.tokenHash] }),
    index('password_resets_user_idx').on(t.workspaceId, t.userId),
    foreignKey({
      name: 'password_resets_user_fk',
      columns: [t.workspaceId, t.userId],
      foreignColumns: [users.workspaceId, users.id],
    }).onDelete('cascade'),
  ],
);

/**
 * A workspace's single sign-on over OpenID Connect: at most one provider per workspace. The client
 * secret is sealed with the server's SecretBox and never answered.
 */
export const ssoSettings = pgTable(
  'sso_settings',
  {
    workspaceId: uuid('workspace_id').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    clientSecret: text('client_secret'),
    /** Lowercase domains; empty lets every address of an existing user in, but never creates users. */
    allowedDomains: text('allowed_domains').array().notNull().default([]),
    /** Just-in-time: a first sign-in from an allowed domain creates the user with `defaultRole`. */
    createUsers: boolean('create_users').notNull().default(false),
    defaultRole: text('default_role').$type<Role>().notNull().default('rep'),
    /** Password sign-in is refused to everyone but admins, who keep it so they cannot be locked out. */
    requireSso: boolean('require_sso').notNull().default(false),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'sso_settings_pkey', columns: [t.workspaceId] }),
    foreignKey({
      name: 'sso_settings_workspace_fk',
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }),
  ],
);
