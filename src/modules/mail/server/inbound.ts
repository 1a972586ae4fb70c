import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { v7 as uuidv7 } from 'uuid';
import type { RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { captureMessage, type CaptureOutcome } from './capture';
import type { FileStore } from '../../../server/files/fileStore';
import { settingsRow, workspaceOfAddress } from './settings';

/** Bigger messages are refused at the door with a clear 552, not half-stored. */
export const maxMessageBytes = 25 * 1024 * 1024;

export const captureJob = 'mail.capture';

interface CaptureJobData extends Record<string, unknown> {
  workspaceId: string;
  key: string;
}

/** Answers a listener or sync run can count: what became of each message. */
export type CaptureCounter = (outcome: CaptureOutcome) => void;

/**
 * The capture job: a message the listener accepted, waiting in the file store. It runs again safely
 * (the message is found by its Message-ID), and its file goes once the message is in the database.
 */
export function defineCaptureJob(platform: Platform, store: FileStore): void {
  const objects = (ctx: RequestContext) => platform.registry.objects(ctx.db, ctx.workspace, ctx.role);
  platform.jobs.define<CaptureJobData>(
    captureJob,
    async ({ workspaceId, key }) => {
      const raw = await store.get(key).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      // A run after an earlier one that captured the message and removed its file.
      if (!raw) return;
      const { privacy } = await platform.db.write((tx) => settingsRow(tx, workspaceId));
      await captureMessage(platform, objects, store, {
        workspaceId,
        source: 'smtp',
        mailboxId: null,
        userId: null,
        privacy,
        raw,
      });
      await store.remove(key);
    },
    { batchSize: 20, retryLimit: 10 },
  );
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

async function readAll(stream: Readable & { sizeExceeded?: boolean }): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Past the limit the rest is read and dropped, so the client hears the 552 instead of a reset.
    if (size <= maxMessageBytes) chunks.push(chunk);
  }
  return stream.sizeExceeded || size > maxMessageBytes ? null : Buffer.concat(chunks);
}

/**
 * The built-in SMTP listener: it accepts mail for the workspaces' inbound addresses, keeps each
 * message in the file store and queues its capture, and only then says 250. A message is therefore
 * either refused (the sender's server keeps it and retries) or durably queued, never lost in between.
 */
export function inboundListener(platform: Platform, store: FileStore, onError: (error: unknown) => void) {
  const { db, settings, jobs } = platform;
  // RCPT TO and DATA ask for the same few addresses over and over: a minute's memory spares the lookups.
  const known = new Map<string, { workspaceId: string | null; until: number }>();
  const workspaceOf = async (address: string) => {
    const hit = known.get(address);
    if (hit && hit.until > Date.now()) return hit.workspaceId;
    const workspaceId = await workspaceOfAddress(db, settings.RAPPORT_MAIL_DOMAIN, address);
    if (known.size > 10_000) known.clear();
    known.set(address, { workspaceId, until: Date.now() + 60_000 });
    return workspaceId;
  };
  const workspacesOf = async (session: SMTPServerSession) => {
    const found = await Promise.all(session.envelope.rcptTo.map((r) => workspaceOf(r.address.toLowerCase())));
    return [...new Set(found.filter((w): w is string => w !== null))];
  };
  const server = new SMTPServer({
    name: settings.RAPPORT_MAIL_DOMAIN,
    banner: 'Rapport mail capture',
    size: maxMessageBytes,
    authOptional: true,
    disabledCommands: ['AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      workspaceOf(address.address.toLowerCase()).then(
        (workspaceId) =>
          callback(workspaceId ? null : smtpError(`No Rapport inbound address is ${address.address}`, 550)),
        (error: unknown) => {
          onError(error);
          callback(smtpError('Rapport cannot take mail right now; try again later', 451));
        },
      );
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (!raw)
            return callback(
              smtpError(`The message is larger than the ${maxMessageBytes / 1024 / 1024} MB limit`, 552),
            );
          for (const workspaceId of await workspacesOf(session)) {
            const key = `inbound/${workspaceId}/${uuidv7()}.eml`;
            await store.put(key, raw);
            await jobs.send(captureJob, { workspaceId, key });
          }
          callback(null, 'Queued for capture');
        })
        .catch((error: unknown) => {
          onError(error);
          callback(smtpError('Rapport cannot take mail right now; try again later', 451));
        });
    },
  });
  server.on('error', onError);
  return {
    listen: (port: number, host: string) =>
      new Promise<number>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
