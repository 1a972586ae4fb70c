import { Faker, en } from '@faker-js/faker';
import { industries } from '../../modules/accounts/contract';

/** Deterministic, realistic-looking companies and people: the same seed gives the same data. */
export function createFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  return faker;
}

const sizes = [8, 25, 60, 140, 350, 900, 2500, 8000];

export function fakeAccount(faker: Faker, ownerId: string) {
  const name = faker.company.name();
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '')
      .slice(0, 24) || 'company';
  const employees = faker.helpers.arrayElement(sizes) + faker.number.int({ min: 0, max: 40 });
  const city = faker.location.city();
  const address = {
    street: faker.location.streetAddress(),
    city,
    region: faker.location.state(),
    postalCode: faker.location.zipCode(),
    country: 'US',
  };
  return {
    name,
    domain: `${slug}.${faker.helpers.arrayElement(['com', 'io', 'co', 'net'])}`,
    industry: faker.helpers.arrayElement(industries),
    employees,
    annualRevenue: String(employees * faker.number.int({ min: 60, max: 400 }) * 1000),
    currency: 'USD',
    phone: faker.helpers.replaceSymbols('+1 (###) 555-01##').replace(/\((0|1)/, '(2'),
    billingAddress: address,
    lifecycleStage: faker.helpers.arrayElement([
      'lead',
      'qualified',
      'opportunity',
      'customer',
      'customer',
      'customer',
    ]),
    tags: faker.helpers.arrayElements(['key account', 'partner', 'renewal 2027', 'trade show', 'referral'], {
      min: 0,
      max: 2,
    }),
    ownerId,
  };
}

export function fakeContact(faker: Faker, account: { id: string; domain: string } | null, ownerId: string) {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
  const unique = faker.string.alphanumeric({ length: 4, casing: 'lower' });
  return {
    firstName,
    lastName,
    title: faker.person.jobTitle(),
    email: account ? `${local}@${account.domain}` : `${local}.${unique}@example.com`,
    phone: faker.helpers.replaceSymbols('+1 (###) 555-0###').replace(/\((0|1)/, '(3'),
    accountId: account?.id ?? null,
    preferredChannel: faker.helpers.arrayElement(['email', 'phone', 'meeting', 'chat']),
    lifecycleStage: faker.helpers.arrayElement(['lead', 'qualified', 'customer']),
    ownerId,
  };
}
