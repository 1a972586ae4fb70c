import { z } from 'zod';

/** The address books phones sync: where they are, and whether phones may change contacts. */
export const addressBookSettings = z.object({
  /** the CardDAV server address to type into a phone (its account settings find the books from there) */
  serverUrl: z.string(),
  /** the path a client may also be given directly: the signed-in user's principal */
  principalUrl: z.string(),
  /** phones may create, change and delete contacts (admin's choice); read-only when false */
  twoWay: z.boolean(),
});
export type AddressBookSettings = z.infer<typeof addressBookSettings>;

export const addressBookSettingsInput = z.object({ twoWay: z.boolean() }).strict();
export type AddressBookSettingsInput = z.infer<typeof addressBookSettingsInput>;
