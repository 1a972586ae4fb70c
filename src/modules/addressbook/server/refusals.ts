import { DomainError } from '../../../common/errors';

/**
 * A request the address book refuses with a DAV precondition (RFC 4918 §16): answered with that
 * condition in a `<d:error>` body, which is what CardDAV clients read, rather than problem+json.
 */
export class DavRefused extends DomainError {
  constructor(
    status: number,
    readonly condition: string,
    detail: string,
  ) {
    super(status, status === 403 ? 'Forbidden' : 'Refused', detail);
  }
}
