import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, NotFound, Unauthorized } from '../../../common/errors';
import type { RequestContext } from '../../../server/engine';
import type { Platform } from '../../../server/platform';
import { users } from '../../auth/server';
import { basicAuthentication } from './basicAuth';
import { addressBook, addressBooks, type AddressBook } from './books';
import { contactIdsOf, memberPages } from './members';
import {
  asksForCards,
  bookPath,
  cardPath,
  davRoot,
  homePath,
  principalPath,
  propertiesResponse,
  wantedProperties,
  type Resource,
} from './properties';
import { DavRefused } from './refusals';
import { report } from './reports';
import { twoWayAllowed } from './settings';
import { bookStamp, databaseNow, syncToken } from './sync';
import { inVersion, versionAsked } from './vcardVersions';
import { davError, multistatus, parseXml } from './xml';
import { deleteCard, putCard } from './write';

const methods = ['OPTIONS', 'PROPFIND', 'PROPPATCH', 'REPORT', 'GET', 'PUT', 'DELETE'] as const;
const xmlType = 'application/xml; charset=utf-8';

/** Where a path under /dav/ points: the root, the principal, the home, a book, or a card in a book. */
type Target =
  | { kind: 'root' | 'principal' | 'home' }
  | { kind: 'book'; slug: string }
  | { kind: 'card'; slug: string; name: string };

function targetOf(url: string): Target | null {
  const path = decodeURIComponent(url.split('?')[0]);
  if (path === '/dav' || path === davRoot) return { kind: 'root' };
  if (path === principalPath || `${path}/` === principalPath) return { kind: 'principal' };
  if (path === homePath || `${path}/` === homePath) return { kind: 'home' };
  const match = /^\/dav\/addressbooks\/([A-Za-z0-9-]+)(?:\/([^/]*))?$/.exec(path);
  if (!match) return null;
  return match[2] ? { kind: 'card', slug: match[1], name: match[2] } : { kind: 'book', slug: match[1] };
}

/** The CardDAV server (RFC 6352 over WebDAV, RFC 4918; sync-collection, RFC 6578) under /dav/. */
export function davRoutes(app: FastifyInstance, platform: Platform) {
  for (const method of ['PROPFIND', 'PROPPATCH', 'REPORT'])
    if (!app.supportedMethods.includes(method)) app.addHttpMethod(method, { hasBody: true });
  const authenticate = basicAuthentication(platform);
  const { registry } = platform;

  async function scopeOf(ctx: RequestContext, slug: string) {
    const book = await addressBook(ctx, slug);
    const objects = await registry.objects(ctx.db, ctx.workspace, ctx.role);
    const contacts = objects.get('contacts')!;
    const writable = ctx.role !== 'viewer' && (await twoWayAllowed(ctx));
    return { ctx, book, objects, contacts, writable };
  }

  async function bookResource(ctx: RequestContext, book: AddressBook, writable: boolean): Promise<Resource> {
    const [stamp, now] = await Promise.all([bookStamp(ctx, book), databaseNow(ctx)]);
    return {
      kind: 'book',
      href: bookPath(book),
      displayName: book.name,
      book,
      stamp,
      token: syncToken(book, now),
      writable,
    };
  }

  async function userName(ctx: RequestContext) {
    const [user] = await ctx.db.read((x) =>
      x
        .select({ name: users.name })
        .from(users)
        .where(and(eq(users.workspaceId, ctx.workspace.id), eq(users.id, ctx.userId))),
    );
    return user?.name ?? 'Rapport';
  }

  async function propfind(ctx: RequestContext, target: Target, request: FastifyRequest): Promise<string> {
    const wanted = wantedProperties(parseXml(request.body));
    const deep = request.headers.depth !== '0';
    const out: string[] = [];
    if (target.kind === 'root')
      out.push(propertiesResponse({ kind: 'root', href: davRoot, displayName: 'Rapport' }, wanted));
    if (target.kind === 'principal')
      out.push(
        propertiesResponse(
          { kind: 'principal', href: principalPath, displayName: await userName(ctx) },
          wanted,
        ),
      );
    if (target.kind === 'home') {
      out.push(propertiesResponse({ kind: 'home', href: homePath, displayName: 'Address books' }, wanted));
      if (deep) {
        const writable = ctx.role !== 'viewer' && (await twoWayAllowed(ctx));
        for (const book of await addressBooks(ctx))
          out.push(propertiesResponse(await bookResource(ctx, book, writable), wanted));
      }
    }
    if (target.kind === 'book' || target.kind === 'card') {
      const scope = await scopeOf(ctx, target.slug);
      const names = target.kind === 'card' ? await contactIdsOf(ctx, [target.name]) : null;
      if (target.kind === 'book')
        out.push(propertiesResponse(await bookResource(ctx, scope.book, scope.writable), wanted));
      if (target.kind === 'card' && !names?.get(target.name)) throw new NotFound('No such card');
      if (target.kind === 'card' || deep) {
        const ids = target.kind === 'card' ? [names!.get(target.name)!] : undefined;
        let found = 0;
        for await (const page of memberPages(ctx, scope.contacts, scope.book, {
          ids,
          cards: asksForCards(wanted),
        }))
          for (const member of page) {
            found++;
            out.push(
              propertiesResponse(
                { kind: 'card', href: cardPath(scope.book, member.name), member, writable: scope.writable },
                wanted,
              ),
            );
          }
        if (target.kind === 'card' && found === 0) throw new NotFound('No such card');
      }
    }
    return multistatus(out.join(''));
  }

  async function getCard(ctx: RequestContext, target: Target, request: FastifyRequest, reply: FastifyReply) {
    if (target.kind !== 'card')
      return reply.type('text/plain; charset=utf-8').send('Rapport address books (CardDAV)\n');
    const scope = await scopeOf(ctx, target.slug);
    const id = (await contactIdsOf(ctx, [target.name])).get(target.name);
    for await (const page of memberPages(ctx, scope.contacts, scope.book, {
      ids: id ? [id] : [],
      cards: true,
    }))
      for (const member of page) {
        reply.header('etag', member.etag);
        if (request.headers['if-none-match']?.split(',').some((t) => t.trim() === member.etag))
          return reply.code(304).send();
        const version = versionAsked(request.headers.accept);
        return reply.type(`text/vcard; charset=utf-8`).send(inVersion(member.card!, version));
      }
    throw new NotFound('No such card in this address book');
  }

  async function answer(request: FastifyRequest, reply: FastifyReply) {
    const target = targetOf(request.url);
    if (!target) throw new NotFound('Nothing here');
    if (request.method === 'OPTIONS')
      return reply.header('dav', '1, 3, addressbook').header('allow', methods.join(', ')).send();
    const ctx = await authenticate(request);
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value.trim() : undefined;
    };
    switch (request.method) {
      case 'PROPFIND':
        return reply
          .code(207)
          .type(xmlType)
          .send(await propfind(ctx, target, request));
      case 'REPORT': {
        if (target.kind !== 'book')
          throw new DavRefused(403, '<d:supported-report/>', 'Reports are answered on address books');
        const body = parseXml(request.body);
        const scope = await scopeOf(ctx, target.slug);
        return reply
          .code(207)
          .type(xmlType)
          .send(await report(scope, body));
      }
      case 'PROPPATCH':
        throw new DavRefused(403, '<d:need-privileges/>', "An address book's properties are set in Rapport");
      case 'GET':
      case 'HEAD':
        return getCard(ctx, target, request, reply);
      case 'PUT':
      case 'DELETE': {
        if (target.kind !== 'card')
          throw new DavRefused(403, '<d:need-privileges/>', 'Only cards can be written');
        const scope = await scopeOf(ctx, target.slug);
        const write = {
          ...scope,
          name: target.name,
          ifMatch: header('if-match'),
          ifNoneMatch: header('if-none-match'),
        };
        if (request.method === 'DELETE') {
          if (!(await deleteCard(write))) throw new NotFound('No such card in this address book');
          return reply.code(204).send();
        }
        const put = await putCard(write, request.body);
        return reply
          .code(put.created ? 201 : 204)
          .header('etag', put.etag)
          .send();
      }
    }
    return reply.code(405).header('allow', methods.join(', ')).send();
  }

  app.register(async (dav) => {
    // Bodies are XML or vCard text whatever their declared type (clients differ); each handler parses its own.
    dav.removeAllContentTypeParsers();
    dav.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    dav.route({
      method: [...methods],
      url: '/dav',
      handler: (request, reply) => davAnswer(request, reply, answer),
    });
    dav.route({
      method: [...methods],
      url: '/dav/*',
      handler: (request, reply) => davAnswer(request, reply, answer),
    });
  });
  // RFC 6764: clients given only the server's address look here first.
  app.route({
    method: ['GET', 'PROPFIND', 'OPTIONS'],
    url: '/.well-known/carddav',
    handler: (_request, reply) => reply.redirect(principalPath, 301),
  });
}

/** DAV errors as DAV clients read them: 401 with a Basic challenge, preconditions in `<d:error>`. */
async function davAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
) {
  try {
    return await answer(request, reply);
  } catch (error) {
    if (error instanceof Unauthorized)
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="Rapport", charset="UTF-8"')
        .type('text/plain; charset=utf-8')
        .send(`${error.message}\n`);
    if (error instanceof DavRefused)
      return reply.code(error.status).type(xmlType).send(davError(error.condition, error.message));
    if (error instanceof DomainError && error.status === 412)
      return reply.code(412).type('text/plain; charset=utf-8').send(`${error.message}\n`);
    throw error;
  }
}
