import { z } from 'zod';
import { authenticationResponse } from './passkeyContract';

export const roles = ['admin', 'manager', 'rep', 'viewer'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;
/** How each role is written on every screen. */
export const roleLabels: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Manager',
  rep: 'Rep',
  viewer: 'Viewer',
};
export const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be a valid email address' }));
export const password = z.string().min(10, 'must be at least 10 characters').max(200);

export const signupInput = z
  .object({
    workspaceName: z.string().trim().min(1).max(120),
    name: z.string().trim().min(1).max(120),
    email,
    password,
  })
  .strict();

export const loginInput = z
  .object({
    email: z.string().trim().toLowerCase().max(320),
    password: z.string().max(200),
    totp: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    /** needed only when the email belongs to several workspaces (answered with 409 and their list) */
    workspaceId: z.uuid().optional(),
    /** one of the user's recovery codes, instead of `totp` */
    recoveryCode: z.string().trim().min(1).max(40).optional(),
    /** one of the user's passkeys, instead of `totp` (options from POST /auth/passkeys/sign-in/options) */
    passkey: authenticationResponse.optional(),
  })
  .strict();

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  teamId: z.string().nullable(),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export const workspaceView = z.object({
  id: z.string(),
  name: z.string(),
  defaultCountry: z.string(),
  baseCurrency: z.string(),
  requireTwoFactor: z.boolean(),
});
export type WorkspaceView = z.infer<typeof workspaceView>;

export const sessionView = z.object({
  /** `passkeys`: how many the user has; with `totpEnabled`, whether they have a second factor */
  user: userView.extend({ passkeys: z.number().int() }),
  workspace: workspaceView,
});
export type SessionView = z.infer<typeof sessionView>;

export const createUserInput = z
  .object({
    email,
    name: z.string().trim().min(1).max(120),
    password,
    role,
    teamId: z.uuid().nullable().optional(),
  })
  .strict();

export const updateUserInput = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    role: role.optional(),
    teamId: z.uuid().nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export const createTeamInput = z.object({ name: z.string().trim().min(1).max(120) }).strict();
export const teamView = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export const createApiKeyInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    role: role.optional(),
    /** optional: the key stops working at this time */
    expiresAt: z.iso
      .datetime({ offset: true })
      .refine((at) => Date.parse(at) > Date.now(), 'must be in the future')
      .optional(),
  })
  .strict();
export const apiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  role,
  prefix: z.string(),
  createdAt: z.string(),
  /** updated at most every few minutes */
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

/** Entering one's password (or a current two-factor code) again, before minting keys or changing roles. */
export const reauthenticateInput = z.union([
  z.object({ password: z.string().min(1).max(200) }).strict(),
  z.object({ totp: z.string().regex(/^\d{6}$/) }).strict(),
]);

export const workspaceSettingsInput = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    baseCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    requireTwoFactor: z.boolean().optional(),
  })
  .strict();

export const totpConfirmInput = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();

export const changePasswordInput = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: password })
  .strict();

const linkToken = z.string().trim().min(1).max(200);
export const resetPasswordInput = z.object({ token: linkToken, password }).strict();
/** "Forgot password?": the answer is the same whether or not the address belongs to anyone. */
export const forgotPasswordInput = z.object({ email }).strict();

export const invitationInput = z.object({ email, role, teamId: z.uuid().nullable().optional() }).strict();
export const acceptInvitationInput = z
  .object({ token: linkToken, name: z.string().trim().min(1).max(120), password })
  .strict();
export const invitationTokenInput = z.object({ token: linkToken }).strict();
export const invitationView = z.object({
  id: z.string(),
  email: z.string(),
  role,
  teamId: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type InvitationView = z.infer<typeof invitationView>;
/** What the invited person sees before choosing a password. */
export const invitationPreview = z.object({ email: z.string(), workspaceName: z.string(), role });

/** A link handed to someone once: an invitation or a password reset; `emailed` when an email carries it too. */
export const signInLink = z.object({
  id: z.string().optional(),
  url: z.string(),
  expiresAt: z.string(),
  emailed: z.boolean().optional(),
});

export const sessionEntry = z.object({
  id: z.string(),
  current: z.boolean(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
});
export type SessionEntry = z.infer<typeof sessionEntry>;

export const twoFactorStatus = z.object({
  enabled: z.boolean(),
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatus>;
export const recoveryCodesView = z.object({ recoveryCodes: z.array(z.string()) });
export const totpSetupView = z.object({ secret: z.string(), uri: z.string(), qrCode: z.string() });
export type TotpSetupView = z.infer<typeof totpSetupView>;

/** The session check the web app makes on every visit: 200 whether or not anyone is signed in. */
export const sessionCheck = z.object({ session: sessionView.nullable() });

/** Roles a first sign-in through SSO may create users with: never admin. */
export const ssoRoles = ['manager', 'rep', 'viewer'] as const;
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'must be a domain such as example.com');

/** An admin's single sign-on settings; `clientSecret` left out keeps the stored one, null removes it. */
export const ssoSettingsInput = z
  .object({
    issuer: z
      .url({ protocol: /^https?$/, message: 'must be the https:// address of the identity provider' })
      .max(500),
    clientId: z.string().trim().min(1).max(300),
    clientSecret: z.string().min(1).max(1000).nullable().optional(),
    allowedDomains: z.array(domain).max(50).default([]),
    createUsers: z.boolean().default(false),
    defaultRole: z.enum(ssoRoles).default('rep'),
    requireSso: z.boolean().default(false),
  })
  .strict();
export type SsoSettingsInput = z.infer<typeof ssoSettingsInput>;

/** The settings as answered: the client secret only as `hasSecret`. */
export const ssoSettingsView = z.object({
  configured: z.boolean(),
  /** The address to register at the identity provider as the redirect (callback) URI. */
  redirectUri: z.string(),
  /** The sign-in page address that shows "Sign in with SSO" for this workspace. */
  signInUrl: z.string(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  hasSecret: z.boolean(),
  allowedDomains: z.array(z.string()),
  createUsers: z.boolean(),
  defaultRole: z.enum(ssoRoles),
  requireSso: z.boolean(),
});
export type SsoSettingsView = z.infer<typeof ssoSettingsView>;

/** "Test": discovery against the issuer, and what went wrong in words. */
export const ssoTestView = z.object({ ok: z.boolean(), message: z.string() });
export type SsoTestView = z.infer<typeof ssoTestView>;

/** What the sign-in page learns about a workspace it was linked to. */
export const ssoAvailability = z.object({ workspaceName: z.string(), sso: z.boolean() });
export type SsoAvailability = z.infer<typeof ssoAvailability>;
export * from './passkeyContract';
