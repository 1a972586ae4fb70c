import { ValidationFailed } from '../../../common/errors';
import type { FilterNode } from '../../../common/pagination';
import type { RequestContext, ResolvedObject } from '../../../server/engine';
import type { AddressBook } from './books';
import { contactIdsOf, memberPages } from './members';
import {
  asksForCards,
  bookPath,
  cardPath,
  propertiesResponse,
  removedResponse,
  wantedProperties,
  type Resource,
} from './properties';
import { DavRefused } from './refusals';
import { changesSince, databaseNow, syncToken, tokenTime } from './sync';
import {
  carddav,
  child,
  childrenNamed,
  dav,
  multistatus,
  multistatusWithToken,
  type XmlElement,
} from './xml';

export interface ReportScope {
  ctx: RequestContext;
  contacts: ResolvedObject;
  book: AddressBook;
  writable: boolean;
}

const maxHrefs = 5000;

const cardResource = (scope: ReportScope, member: Resource['member'] & object): Resource => ({
  kind: 'card',
  href: cardPath(scope.book, member.name),
  member,
  writable: scope.writable,
});

/** The file name of a card an href names, if it is in this book: absolute URLs and percent-encoding alike. */
function nameIn(book: AddressBook, text: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(text.trim(), 'http://rapport.invalid').pathname);
  } catch {
    return null;
  }
  const prefix = bookPath(book);
  if (!path.startsWith(prefix)) return null;
  const name = path.slice(prefix.length);
  return name && !name.includes('/') ? name : null;
}

/** RFC 6352 §8.7: the cards the client names, each with the properties asked; those not in the book are 404. */
async function multiget(scope: ReportScope, request: XmlElement): Promise<string> {
  const wanted = wantedProperties(request);
  const hrefs = childrenNamed(request, dav, 'href').map((h) => h.text);
  if (hrefs.length > maxHrefs)
    throw new ValidationFailed(`A multiget names at most ${maxHrefs} cards; ask in several`);
  const names = hrefs.map((h) => nameIn(scope.book, h));
  const ids = await contactIdsOf(
    scope.ctx,
    names.filter((n): n is string => !!n),
  );
  const found = new Map<string, string>();
  for await (const page of memberPages(scope.ctx, scope.contacts, scope.book, {
    ids: [...new Set(ids.values())],
    cards: asksForCards(wanted),
  }))
    for (const member of page) found.set(member.id, propertiesResponse(cardResource(scope, member), wanted));
  return multistatus(
    hrefs
      .map((h, i) => {
        const id = names[i] && ids.get(names[i]);
        return (id && found.get(id)) || removedResponse(h.trim());
      })
      .join(''),
  );
}

/** The fields a vCard property is found in, for addressbook-query's filters. */
const filterFields: Record<string, string[]> = {
  FN: ['firstName', 'lastName'],
  N: ['firstName', 'lastName'],
  EMAIL: ['email'],
  TEL: ['phone', 'mobilePhone'],
  ORG: ['accountId.name'],
  TITLE: ['title'],
  NOTE: ['notes'],
};
const matchOps: Record<string, 'eq' | 'contains' | 'startsWith'> = {
  equals: 'eq',
  contains: 'contains',
  'starts-with': 'startsWith',
};

const anyOrAll = (test: string | undefined, nodes: FilterNode[]): FilterNode =>
  nodes.length === 1 ? nodes[0] : test === 'allof' ? { and: nodes } : { or: nodes };

function propFilter(p: XmlElement): FilterNode {
  const property = (p.attributes.name ?? '').toUpperCase();
  const fields = filterFields[property];
  if (!fields)
    throw new DavRefused(403, '<card:supported-filter/>', `Filtering on ${property} is not supported`);
  if (child(p, carddav, 'is-not-defined'))
    return { and: fields.map((field) => ({ field, op: 'isNull' as const, value: true })) };
  const matches = childrenNamed(p, carddav, 'text-match');
  if (matches.length === 0)
    return { or: fields.map((field) => ({ field, op: 'isNull' as const, value: false })) };
  return anyOrAll(
    p.attributes.test,
    matches.map((m) => {
      const op = matchOps[m.attributes['match-type'] ?? 'contains'];
      if (!op)
        throw new DavRefused(
          403,
          '<card:supported-filter/>',
          `The match type ${m.attributes['match-type']} is not supported`,
        );
      const either: FilterNode = { or: fields.map((field) => ({ field, op, value: m.text })) };
      return m.attributes['negate-condition'] === 'yes' ? { not: either } : either;
    }),
  );
}

/** RFC 6352 §8.6: the book's cards that match a simple filter (text matches on names, emails, phones, company). */
async function query(scope: ReportScope, request: XmlElement): Promise<string> {
  const wanted = wantedProperties(request);
  const filter = child(request, carddav, 'filter');
  const props = childrenNamed(filter, carddav, 'prop-filter');
  const node = props.length ? anyOrAll(filter?.attributes.test, props.map(propFilter)) : undefined;
  const limit = Number(child(child(request, carddav, 'limit'), carddav, 'nresults')?.text ?? Infinity);
  const out: string[] = [];
  for await (const page of memberPages(scope.ctx, scope.contacts, scope.book, {
    filter: node,
    cards: asksForCards(wanted),
  })) {
    for (const member of page) {
      if (out.length >= limit) break;
      out.push(propertiesResponse(cardResource(scope, member), wanted));
    }
    if (out.length >= limit) break;
  }
  return multistatus(out.join(''));
}

/** RFC 6578: with no token, every card; with one, what changed since, removals as 404. */
async function syncCollection(scope: ReportScope, request: XmlElement): Promise<string> {
  const wanted = wantedProperties(request);
  const given = child(request, dav, 'sync-token')?.text.trim() ?? '';
  const now = await databaseNow(scope.ctx);
  const out: string[] = [];
  if (!given) {
    for await (const page of memberPages(scope.ctx, scope.contacts, scope.book, {
      cards: asksForCards(wanted),
    }))
      for (const member of page) out.push(propertiesResponse(cardResource(scope, member), wanted));
  } else {
    const since = tokenTime(scope.book, given);
    if (since === null)
      throw new DavRefused(
        403,
        '<d:valid-sync-token/>',
        'This sync token is not valid here any more (the address book changed shape); sync again from the start',
      );
    const cards = asksForCards(wanted);
    for await (const page of changesSince(scope.ctx, scope.contacts, scope.book, since)) {
      const withCards = cards
        ? await cardsFor(
            scope,
            page.flatMap((c) => (c.member ? [c.member.id] : [])),
          )
        : null;
      for (const change of page) {
        if (change.removed) out.push(removedResponse(cardPath(scope.book, change.removed)));
        else if (change.member) {
          const member = withCards?.get(change.member.id) ?? change.member;
          out.push(propertiesResponse(cardResource(scope, member), wanted));
        }
      }
    }
  }
  return multistatusWithToken(out.join(''), syncToken(scope.book, now));
}

async function cardsFor(scope: ReportScope, ids: string[]) {
  const found = new Map<string, NonNullable<Resource['member']>>();
  for await (const page of memberPages(scope.ctx, scope.contacts, scope.book, { ids, cards: true }))
    for (const member of page) found.set(member.id, member);
  return found;
}

/** Answers a REPORT on an address book as a multistatus document. */
export async function report(scope: ReportScope, request: XmlElement | null): Promise<string> {
  if (request?.ns === carddav && request.name === 'addressbook-multiget') return multiget(scope, request);
  if (request?.ns === carddav && request.name === 'addressbook-query') return query(scope, request);
  if (request?.ns === dav && request.name === 'sync-collection') return syncCollection(scope, request);
  throw new DavRefused(
    403,
    '<d:supported-report/>',
    `The report ${request?.name ?? '(none)'} is not supported here`,
  );
}
