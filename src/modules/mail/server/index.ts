import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../../../server/engine';
import type { Platform, ServerModule } from '../../../server/platform';
import type { FileStore } from '../../../server/files/fileStore';
import { defineCaptureJob, inboundListener } from './inbound';
import { mailboxRoutes } from './mailboxRoutes';
import { defineNoticeJob } from './notices';
import { messageOrigin } from './origin';
import { mailRoutes } from './routes';
import { syncAll, syncJob, syncAllJob, syncMailbox } from './sync';
import type { ListenerStatus } from './settings';

export { sendEmail, type EmailExtras } from './send';
export { sendNotice } from './notices';
export { eraseFromMessages, messagesInvolving } from './personalData';

/** Starts the SMTP listener with the HTTP server when RAPPORT_SMTP_PORT is set; it stops with it. */
function listenForMail(app: FastifyInstance, platform: Platform, store: FileStore, status: ListenerStatus) {
  const port = platform.settings.RAPPORT_SMTP_PORT;
  if (port === undefined) return;
  const listener = inboundListener(platform, store, (error) =>
    app.log.error({ err: error }, 'mail listener'),
  );
  app.addHook('onListen', async () => {
    status.port = await listener.listen(port, platform.settings.HOST);
  });
  app.addHook('onClose', () => listener.close());
}

/** A sync per mailbox at a time; every five minutes each mailbox is synced and stale ones reported. */
function defineSyncJobs(platform: Platform, store: FileStore) {
  const objects = (ctx: RequestContext) => platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
  platform.jobs.define<{ workspaceId: string; mailboxId: string }>(
    syncJob,
    ({ workspaceId, mailboxId }) => syncMailbox(platform, objects, store, workspaceId, mailboxId),
    { policy: 'stately', retryLimit: 2, expireInSeconds: 900, batchSize: 5 },
  );
  platform.jobs.define(syncAllJob, () => syncAll(platform), { cron: '*/5 * * * *', retryLimit: 0 });
}

export { canSendNotices, queueNotice, type Notice } from './notices';

export const mailModule: ServerModule = {
  name: 'mail',
  changeOrigins: [messageOrigin],
  routes(app, platform) {
    const store = platform.files;
    const status: ListenerStatus = { port: null };
    defineCaptureJob(platform, store);
    defineSyncJobs(platform, store);
    defineNoticeJob(platform);
    mailRoutes(app, platform, store, status);
    mailboxRoutes(app, platform);
    listenForMail(app, platform, store, status);
  },
};
