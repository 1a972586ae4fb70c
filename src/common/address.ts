import { z } from 'zod';

/** The parts of a postal address, in the order they are written on an envelope. */
export const addressParts = ['street', 'city', 'region', 'postalCode', 'country'] as const;
export type AddressPart = (typeof addressParts)[number];

/** The parts in the order a spreadsheet of addresses lists them: the postal code before the city. */
export const addressColumns: readonly AddressPart[] = ['street', 'postalCode', 'city', 'region', 'country'];

export const addressPartLabels: Record<AddressPart, string> = {
  street: 'Street',
  city: 'City',
  region: 'Region',
  postalCode: 'Postal code',
  country: 'Country',
};

export const isAddressPart = (name: string): name is AddressPart =>
  (addressParts as readonly string[]).includes(name);

/** PostgreSQL refuses the NUL character in text, so a part holding one is refused here. */
const part = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'cannot contain the NUL character')
    .nullish();

/** The one shape of a postal address: accounts' billing and shipping addresses, and every address field. */
export const address = z
  .object({
    street: part(500),
    city: part(200),
    region: part(200),
    postalCode: part(40),
    country: part(100),
  })
  .strict()
  .meta({ id: 'Address' });
export type Address = z.infer<typeof address>;
