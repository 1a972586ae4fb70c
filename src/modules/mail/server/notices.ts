import { Conflict } from '../../../common/errors';
import type { Platform } from '../../../server/platform';
import { outgoingServer } from './settings';
import { deliverMail, senderDomain } from './transport';

/** An email Rapport itself sends a person on a workspace's behalf: an invitation, a reset link. */
export interface Notice {
  workspaceId: string;
  to: string;
  subject: string;
  text: string;
}

const noticeJob = 'mail.notice';

/** The text often holds a sign-in link, so it waits in the queue sealed like any other secret. */
interface NoticeJob {
  workspaceId: string;
  to: string;
  subject: string;
  sealedText: string;
  [key: string]: unknown;
}

/** Whether the workspace has an SMTP server to send notices through. */
export async function canSendNotices(platform: Platform, workspaceId: string): Promise<boolean> {
  return (await outgoingServer(platform, workspaceId)) !== null;
}

/** Queues a notice; answers false (and queues nothing) when the workspace has no SMTP server. */
export async function queueNotice(platform: Platform, notice: Notice): Promise<boolean> {
  if (!(await canSendNotices(platform, notice.workspaceId))) return false;
  const { text, ...rest } = notice;
  await platform.jobs.send(noticeJob, { ...rest, sealedText: platform.secrets.seal(text) });
  return true;
}

/**
 * Sends a queued notice. A retry after a lost answer may send it twice: its Message-ID comes from the
 * job, so mail programs show it once.
 */
export function defineNoticeJob(platform: Platform) {
  platform.jobs.define<NoticeJob>(
    noticeJob,
    async (job, run) => {
      const server = await outgoingServer(platform, job.workspaceId);
      if (!server) throw new Conflict('The SMTP server was removed from the mail settings before sending');
      await deliverMail(platform, server, {
        to: job.to,
        subject: job.subject,
        text: platform.secrets.open(job.sealedText),
        messageId: `<${run.id}@${senderDomain(server)}>`,
      });
    },
    { retryLimit: 5, retryDelaySeconds: 30, backoff: true },
  );
}

/**
 * Sends a notice at once, for work that already runs as a job (an approval to give, a decision, a
 * scheduled report with its file):
 * answers false when the workspace has no SMTP server. Notices are not customer email: no activity.
 */
export async function sendNotice(
  platform: Platform,
  workspaceId: string,
  notice: {
    to: string[];
    subject: string;
    text: string;
    attachments?: { filename: string; content: Buffer; contentType: string }[];
  },
): Promise<boolean> {
  if (notice.to.length === 0) return false;
  const server = await outgoingServer(platform, workspaceId);
  if (!server) return false;
  await deliverMail(platform, server, notice);
  return true;
}
