import { describe, expect, it } from 'vitest';
import { DavError, multistatus, sameService } from './dav';

describe('WebDAV answers and where the password may go', () => {
  it('sends the password only to the service the user named', () => {
    expect(sameService('https://dav.example.com/', 'https://dav.example.com/cal/')).toBe(true);
    expect(sameService('https://caldav.example.com/', 'https://p42-caldav.example.com/x/')).toBe(true);
    expect(sameService('https://dav.example.com/', 'http://dav.example.com/cal/')).toBe(false);
    expect(sameService('https://dav.example.com/', 'https://dav.example.org/')).toBe(false);
    expect(sameService('http://127.0.0.1:5232/', 'http://127.0.0.1:5232/rep/')).toBe(true);
    expect(sameService('http://127.0.0.1:5232/', 'http://127.0.0.2:5232/rep/')).toBe(false);
    expect(sameService('http://127.0.0.1:5232/', 'http://127.0.0.1:80/rep/')).toBe(false);
  });

  it('reads responses, their found properties and the sync token, whatever the prefixes', () => {
    const body = `<?xml version="1.0"?>
      <D:multistatus xmlns:D="DAV:">
        <D:response><D:href>/cal/a.ics</D:href>
          <D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
          <D:propstat><D:prop><D:displayname/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
        </D:response>
        <D:response><D:href>/cal/b.ics</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>
        <D:sync-token>tok-2</D:sync-token>
      </D:multistatus>`;
    expect(multistatus(body)).toEqual({
      entries: [
        { href: '/cal/a.ics', status: 200, props: { getetag: '"1"' } },
        { href: '/cal/b.ics', status: 404, props: {} },
      ],
      syncToken: 'tok-2',
    });
    expect(() =>
      multistatus(
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><multistatus xmlns="DAV:">&a;</multistatus>',
      ),
    ).toThrow(new DavError('The server answered XML with a DTD, which Rapport does not read'));
    expect(() => multistatus('<html>nope</html>')).toThrow(
      new DavError('The server did not answer with a WebDAV multistatus'),
    );
  });
});
