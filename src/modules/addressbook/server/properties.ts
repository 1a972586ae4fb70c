import type { AddressBook } from './books';
import type { Member } from './members';
import { inVersion, type VcardVersion } from './vcardVersions';
import { calendarServer, carddav, child, dav, element, escapeXml, type XmlElement } from './xml';

export const davRoot = '/dav/';
export const principalPath = '/dav/principal/';
export const homePath = '/dav/addressbooks/';
export const bookPath = (book: AddressBook) => `${homePath}${book.slug}/`;
export const cardPath = (book: AddressBook, name: string) => `${bookPath(book)}${encodeURIComponent(name)}`;

export type ResourceKind = 'root' | 'principal' | 'home' | 'book' | 'card';

/** A property a client asked for, and how it wants address data written. */
export interface WantedProperty {
  ns: string;
  name: string;
  version?: VcardVersion;
}

/** What the properties of one resource are computed from. */
export interface Resource {
  kind: ResourceKind;
  href: string;
  displayName?: string;
  book?: AddressBook;
  /** the book's CTag and current sync token */
  stamp?: string;
  token?: string;
  member?: Member;
  /** whether the caller may change the book's cards (two-way sync allowed and a role that writes) */
  writable?: boolean;
}

const href = (path: string) => `<d:href>${escapeXml(path)}</d:href>`;

/** What a client gets without naming properties (allprop, or an empty PROPFIND). */
const everyday: Record<ResourceKind, [string, string][]> = {
  root: [
    [dav, 'resourcetype'],
    [dav, 'displayname'],
    [dav, 'current-user-principal'],
  ],
  principal: [
    [dav, 'resourcetype'],
    [dav, 'displayname'],
    [dav, 'current-user-principal'],
    [dav, 'principal-URL'],
    [carddav, 'addressbook-home-set'],
  ],
  home: [
    [dav, 'resourcetype'],
    [dav, 'displayname'],
    [dav, 'current-user-principal'],
  ],
  book: [
    [dav, 'resourcetype'],
    [dav, 'displayname'],
    [calendarServer, 'getctag'],
    [dav, 'sync-token'],
    [carddav, 'supported-address-data'],
  ],
  card: [
    [dav, 'resourcetype'],
    [dav, 'getetag'],
    [dav, 'getcontenttype'],
  ],
};

/** The properties a request names in its `<d:prop>`, or null for all of them. */
export function wantedProperties(request: XmlElement | null): WantedProperty[] | null {
  const prop = child(request, dav, 'prop');
  if (!prop) return null;
  return prop.children.map((p) => ({
    ns: p.ns,
    name: p.name,
    version:
      p.ns === carddav && p.name === 'address-data'
        ? p.attributes.version === '4.0'
          ? '4.0'
          : '3.0'
        : undefined,
  }));
}

export const asksForCards = (wanted: WantedProperty[] | null) =>
  !!wanted?.some((p) => p.ns === carddav && p.name === 'address-data');

function privileges(writable: boolean | undefined): string {
  const names = writable ? ['read', 'write', 'write-content', 'bind', 'unbind'] : ['read'];
  return names.map((n) => `<d:privilege><d:${n}/></d:privilege>`).join('');
}

/** A property's value as XML, or undefined when the resource has no such property. */
function valueOf(resource: Resource, p: WantedProperty): string | undefined {
  const { kind, book, member } = resource;
  const collection = kind !== 'card';
  if (p.ns === dav) {
    switch (p.name) {
      case 'resourcetype':
        return {
          root: '<d:collection/>',
          home: '<d:collection/>',
          principal: '<d:collection/><d:principal/>',
          book: '<d:collection/><card:addressbook/>',
          card: '',
        }[kind];
      case 'displayname':
        return resource.displayName === undefined ? undefined : escapeXml(resource.displayName);
      case 'current-user-principal':
        return collection ? href(principalPath) : undefined;
      case 'principal-URL':
        return kind === 'principal' ? href(principalPath) : undefined;
      case 'owner':
        return kind === 'book' ? href(principalPath) : undefined;
      case 'current-user-privilege-set':
        return privileges(kind === 'book' || kind === 'card' ? resource.writable : false);
      case 'supported-report-set':
        return kind === 'book'
          ? ['card:addressbook-multiget', 'card:addressbook-query', 'd:sync-collection']
              .map((r) => `<d:supported-report><d:report><${r}/></d:report></d:supported-report>`)
              .join('')
          : undefined;
      case 'sync-token':
        return resource.token === undefined ? undefined : escapeXml(resource.token);
      case 'getetag':
        return member ? escapeXml(member.etag) : undefined;
      case 'getcontenttype':
        return member ? 'text/vcard; charset=utf-8' : undefined;
    }
    return undefined;
  }
  if (p.ns === carddav) {
    switch (p.name) {
      case 'addressbook-home-set':
        return kind === 'principal' || kind === 'root' ? href(homePath) : undefined;
      case 'addressbook-description':
        return book && kind === 'book' ? escapeXml(book.description) : undefined;
      case 'supported-address-data':
        return kind === 'book'
          ? '<card:address-data-type content-type="text/vcard" version="3.0"/><card:address-data-type content-type="text/vcard" version="4.0"/>'
          : undefined;
      case 'address-data':
        return member?.card ? escapeXml(inVersion(member.card, p.version ?? '3.0')) : undefined;
    }
    return undefined;
  }
  if (p.ns === calendarServer && p.name === 'getctag') return resource.stamp && escapeXml(resource.stamp);
  return undefined;
}

/** One `<d:response>`: the properties found (200) and those the resource does not have (404). */
export function propertiesResponse(resource: Resource, wanted: WantedProperty[] | null): string {
  const asked = wanted ?? everyday[resource.kind].map(([ns, name]) => ({ ns, name }));
  const found: string[] = [];
  const missing: string[] = [];
  for (const p of asked) {
    const value = valueOf(resource, p);
    if (value === undefined) missing.push(element(p.ns, p.name));
    else found.push(element(p.ns, p.name, value));
  }
  const stat = (props: string[], status: string) =>
    props.length
      ? `<d:propstat><d:prop>${props.join('')}</d:prop><d:status>HTTP/1.1 ${status}</d:status></d:propstat>`
      : '';
  return `<d:response>${href(resource.href)}${stat(found, '200 OK')}${stat(missing, '404 Not Found')}</d:response>`;
}

export const removedResponse = (path: string) =>
  `<d:response>${href(path)}<d:status>HTTP/1.1 404 Not Found</d:status></d:response>`;
