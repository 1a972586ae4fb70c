import type { FastifyInstance } from 'fastify';
import type { Platform, ServerModule } from '../../../server/platform';
import { DataFolderStore } from './fileStore';
import { defineCaptureJob, inboundListener } from './inbound';
import { mailRoutes } from './routes';
import type { ListenerStatus } from './settings';

/** Starts the SMTP listener with the HTTP server when RAPPORT_SMTP_PORT is set; it stops with it. */
function listenForMail(
  app: FastifyInstance,
  platform: Platform,
  store: DataFolderStore,
  status: ListenerStatus,
) {
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

export const mailModule: ServerModule = {
  name: 'mail',
  routes(app, platform) {
    const store = new DataFolderStore(platform.settings.RAPPORT_DATA_DIR);
    const status: ListenerStatus = { port: null };
    defineCaptureJob(platform, store);
    mailRoutes(app, platform, store, status);
    listenForMail(app, platform, store, status);
  },
};
