import { z } from 'zod';

export const roles = ['admin', 'manager', 'rep', 'viewer'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be a valid email address' }));
const password = z.string().min(10, 'must be at least 10 characters').max(200);

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

export const sessionView = z.object({ user: userView, workspace: workspaceView });
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
