import { XMLParser } from 'fast-xml-parser';
import { ValidationFailed } from '../../../common/errors';

export const dav = 'DAV:';
export const carddav = 'urn:ietf:params:xml:ns:carddav';
export const calendarServer = 'http://calendarserver.org/ns/';

/** An element of a request body with its namespace resolved, whatever prefix the client chose. */
export interface XmlElement {
  ns: string;
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: true,
  processEntities: true,
});

function resolve(node: Node, scope: Map<string, string>): XmlElement | null {
  const tag = Object.keys(node).find((k) => k !== ':@');
  if (!tag || tag === '#text' || tag.startsWith('?')) return null;
  const attributes = node[':@'] ?? {};
  const inner = new Map(scope);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'xmlns') inner.set('', value);
    else if (key.startsWith('xmlns:')) inner.set(key.slice(6), value);
  }
  const colon = tag.indexOf(':');
  const prefix = colon < 0 ? '' : tag.slice(0, colon);
  const ns = inner.get(prefix);
  if (ns === undefined && prefix) throw new ValidationFailed(`The XML prefix "${prefix}" is not declared`);
  const content = node[tag] as Node[];
  const children: XmlElement[] = [];
  let text = '';
  for (const child of content) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const element = resolve(child, inner);
      if (element) children.push(element);
    }
  }
  return { ns: ns ?? '', name: colon < 0 ? tag : tag.slice(colon + 1), attributes, children, text };
}

/**
 * A WebDAV request body as its root element; a malformed body, or one that declares a DOCTYPE (entity
 * expansion is never wanted here), is a 400. An empty body answers null (PROPFIND then means allprop).
 */
export function parseXml(body: unknown): XmlElement | null {
  const text = typeof body === 'string' ? body.trim() : '';
  if (!text) return null;
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new ValidationFailed('A DOCTYPE is not accepted in a request body');
  let nodes: Node[];
  try {
    nodes = parser.parse(text, true) as Node[];
  } catch (error) {
    throw new ValidationFailed(`The request body is not well-formed XML: ${(error as Error).message}`);
  }
  for (const node of nodes) {
    const root = resolve(node, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
    if (root) return root;
  }
  throw new ValidationFailed('The request body has no XML element');
}

export const child = (element: XmlElement | null | undefined, ns: string, name: string) =>
  element?.children.find((c) => c.ns === ns && c.name === name);

export const childrenNamed = (element: XmlElement | null | undefined, ns: string, name: string) =>
  element?.children.filter((c) => c.ns === ns && c.name === name) ?? [];

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The prefixes every answer declares on its root; another namespace is declared where it is used. */
const prefixes = new Map([
  [dav, 'd'],
  [carddav, 'card'],
  [calendarServer, 'cs'],
]);
export const rootNamespaces = [...prefixes].map(([ns, p]) => `xmlns:${p}="${ns}"`).join(' ');

/** A property element named as the client named it: `<card:address-data>…</card:address-data>`. */
export function element(ns: string, name: string, inner = ''): string {
  const prefix = prefixes.get(ns);
  const tag = prefix ? `${prefix}:${name}` : `x:${name}`;
  const declare = prefix ? '' : ` xmlns:x="${escapeXml(ns)}"`;
  return inner ? `<${tag}${declare}>${inner}</${tag}>` : `<${tag}${declare}/>`;
}

export const xmlDocument = (root: string) => `<?xml version="1.0" encoding="utf-8"?>\n${root}`;

export const multistatus = (responses: string) =>
  xmlDocument(`<d:multistatus ${rootNamespaces}>${responses}</d:multistatus>`);

export const multistatusWithToken = (responses: string, token: string) =>
  xmlDocument(
    `<d:multistatus ${rootNamespaces}>${responses}<d:sync-token>${escapeXml(token)}</d:sync-token></d:multistatus>`,
  );

/** A DAV error body (RFC 4918 §16): the precondition that failed, and a sentence for people. */
export function davError(condition: string, description: string): string {
  return xmlDocument(
    `<d:error ${rootNamespaces}>${condition}<d:responsedescription>${escapeXml(description)}</d:responsedescription></d:error>`,
  );
}
