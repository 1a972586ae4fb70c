import { and, eq } from 'drizzle-orm';
import { countHit } from '../../../server/http/rateLimits';
import type { Platform } from '../../../server/platform';
import { canSendNotices, queueNotice } from '../../mail/server';
import { insertPasswordReset } from './passwords';
import { identities, users, workspaces } from './tables';

const forgotPasswordJob = 'auth.forgot-password';
/** Reset emails one address may be sent per hour, whoever asks. */
const resetsPerHour = 3;
/** At most this many workspaces of one address get a reset email. */
const maxMemberships = 10;

/** Emails an invitation through the workspace's SMTP server; false when it has none. */
export function emailInvitation(
  platform: Platform,
  workspace: { id: string; name: string },
  invitation: { email: string; url: string; expiresAt: string },
): Promise<boolean> {
  return queueNotice(platform, {
    workspaceId: workspace.id,
    to: invitation.email,
    subject: `You are invited to ${workspace.name} on Rapport`,
    text: [
      `You are invited to join ${workspace.name} on Rapport.`,
      `Open this link to choose your name and password (it works once, until ${invitation.expiresAt.slice(0, 10)}):`,
      invitation.url,
      'If you did not expect this invitation, ignore this email.',
    ].join('\n\n'),
  });
}

/**
 * "Forgot password?": counts the request and queues the work, so that the caller learns nothing (not
 * even from the time taken) about whether the address belongs to anyone.
 */
export async function requestPasswordReset(platform: Platform, email: string, origin: string) {
  const { hits } = await countHit(platform.db, `forgot|${email}`, 3_600_000);
  if (hits <= resetsPerHour) await platform.jobs.send(forgotPasswordJob, { email, origin });
}

/** Sends each workspace of the address that can send mail its own reset link. */
async function sendResetLinks(platform: Platform, email: string, origin: string) {
  const found = await platform.db.read((x) =>
    x
      .select({ workspaceId: users.workspaceId, userId: users.id, workspaceName: workspaces.name })
      .from(identities)
      .innerJoin(users, and(eq(users.workspaceId, identities.workspaceId), eq(users.id, identities.userId)))
      .innerJoin(workspaces, eq(workspaces.id, identities.workspaceId))
      .where(and(eq(identities.email, email), eq(users.disabled, false)))
      .limit(maxMemberships),
  );
  for (const user of found) {
    if (!(await canSendNotices(platform, user.workspaceId))) continue;
    const link = await platform.db.write((tx) =>
      insertPasswordReset(tx, user.workspaceId, user.userId, origin),
    );
    await queueNotice(platform, {
      workspaceId: user.workspaceId,
      to: email,
      subject: `Reset your Rapport password for ${user.workspaceName}`,
      text: [
        `Someone (we hope you) asked to reset your password for ${user.workspaceName} on Rapport.`,
        'Open this link within a day to choose a new one (it works once):',
        link.url,
        'If you did not ask for this, ignore this email: your password stays as it is.',
      ].join('\n\n'),
    });
  }
}

export function defineForgotPasswordJob(platform: Platform) {
  platform.jobs.define<{ email: string; origin: string }>(
    forgotPasswordJob,
    ({ email, origin }) => sendResetLinks(platform, email, origin),
    { retryLimit: 2 },
  );
}
