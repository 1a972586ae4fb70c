import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  assertRecordId,
  exportPage,
  getRecordJson,
  listFromBody,
  listFromQueryString,
  type ListRequest,
  recordPages,
  type Values,
} from '../../../server/engine';
import { attachmentDisposition } from '../../../server/files/download';
import type { Platform } from '../../../server/platform';
import { contactVcard } from './vcardExport';

type Contact = Values & { id: string };

/** A download named after the person, in letters, digits, spaces, dots and dashes. */
function attachmentOf(contact: Contact): string {
  const name =
    [contact.firstName, contact.lastName]
      .filter(Boolean)
      .join(' ')
      .replace(/[^\p{L}\p{N} .-]/gu, '') || 'contact';
  return attachmentDisposition(`${name}.vcf`);
}

/** Contacts as vCard 4.0, one or a whole list, for phones and address books. */
export function vcardRoutes(app: FastifyInstance, platform: Platform) {
  const { openapi, registry } = platform;
  const contactsOf = async (request: FastifyRequest) => {
    const ctx = await platform.authenticate(request);
    return { ctx, contacts: await registry.object(ctx.db, ctx.workspace, 'contacts', ctx.role) };
  };

  openapi.add({
    method: 'get',
    path: '/contacts/export.vcf',
    tag: 'Contacts',
    summary:
      'Every contact the list query matches (filter, q, sort as for GET /contacts), as one vCard 4.0 file, streamed',
    produces: ['text/vcard'],
  });
  /** Streams every contact the list request matches as one vCard file. */
  async function sendCards(request: FastifyRequest, reply: FastifyReply, list: ListRequest) {
    const { ctx, contacts } = await contactsOf(request);
    const first = await exportPage(ctx, contacts, list);
    const cards = Readable.from(
      (async function* () {
        for await (const { records, names } of recordPages(ctx, contacts, list, first))
          for (const contact of records as Contact[]) {
            const account = typeof contact.accountId === 'string' ? contact.accountId : null;
            yield contactVcard(contact, (account && names.get('accounts')?.get(account)) || null);
          }
      })(),
    );
    platform.usage.record({
      workspaceId: ctx.workspace.id,
      userId: ctx.userId,
      object: 'contacts',
      action: 'export',
      recordId: null,
      count: 1,
    });
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-disposition', `attachment; filename="contacts-${stamp}.vcf"`)
      .type('text/vcard; charset=utf-8')
      .send(cards);
  }

  app.get('/api/v1/contacts/export.vcf', (request, reply) =>
    sendCards(request, reply, listFromQueryString(request.query)),
  );
  openapi.add({
    method: 'post',
    path: '/contacts/export.vcf',
    tag: 'Contacts',
    summary:
      'The same with a query body (filter tree with or/not groups, q, sort, as for POST /contacts/query)',
    produces: ['text/vcard'],
  });
  app.post('/api/v1/contacts/export.vcf', (request, reply) =>
    sendCards(request, reply, listFromBody(request.body ?? {})),
  );

  openapi.add({
    method: 'get',
    path: '/contacts/{id}/vcard',
    tag: 'Contacts',
    summary: 'The contact as a vCard 4.0 (text/vcard)',
    produces: ['text/vcard'],
  });
  app.get('/api/v1/contacts/:id/vcard', async (request, reply) => {
    const { ctx, contacts } = await contactsOf(request);
    const contactId = (request.params as { id: string }).id;
    assertRecordId(contactId);
    const contact = JSON.parse(await getRecordJson(ctx, contacts, contactId)) as Contact;
    let accountName: string | null = null;
    if (typeof contact.accountId === 'string') {
      const accounts = await registry.object(ctx.db, ctx.workspace, 'accounts', ctx.role);
      const account = await getRecordJson(ctx, accounts, contact.accountId).catch(() => null);
      accountName = account ? (JSON.parse(account) as { name: string }).name : null;
    }
    return reply
      .header('content-disposition', attachmentOf(contact))
      .type('text/vcard; charset=utf-8')
      .send(contactVcard(contact, accountName));
  });
}
