import type { UserView, WorkspaceView } from '../contract';
import type { apiKeys, users, workspaces } from './tables';

export function userView(u: typeof users.$inferSelect): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    teamId: u.teamId,
    disabled: u.disabled,
    totpEnabled: u.totpEnabled,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

export function workspaceView(w: typeof workspaces.$inferSelect): WorkspaceView {
  return {
    id: w.id,
    name: w.name,
    defaultCountry: w.defaultCountry,
    baseCurrency: w.baseCurrency,
    requireTwoFactor: w.requireTwoFactor,
  };
}

export function apiKeyView(k: typeof apiKeys.$inferSelect) {
  return {
    id: k.id,
    name: k.name,
    role: k.role,
    prefix: k.prefix,
    createdAt: new Date(k.createdAt).toISOString(),
    lastUsedAt: k.lastUsedAt ? new Date(k.lastUsedAt).toISOString() : null,
    expiresAt: k.expiresAt ? new Date(k.expiresAt).toISOString() : null,
  };
}
