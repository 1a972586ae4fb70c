import { index } from 'drizzle-orm/pg-core';
import { industries, lifecycleOptions } from '../contract';
import { defineObject, draftError, live } from '../../../server/engine';

const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/** A company: the centre of Rapport. Company facts live here, personal facts on its contacts. */
export const accountObject = defineObject({
  name: 'accounts',
  label: 'Account',
  labelPlural: 'Accounts',
  titleField: 'name',
  subtitleField: 'domain',
  hasOwner: true,
  defaultVisibility: 'workspace',
  defaultSort: 'name',
  fields: {
    name: {
      type: 'text',
      label: 'Name',
      required: true,
      notNull: true,
      searchable: true,
      max: 300,
      group: 'Company',
      help: "The company's usual name, as people say it; the legal name can go in the description.",
      example: 'Acme Corporation',
    },
    domain: {
      type: 'domain',
      label: 'Domain',
      searchable: true,
      group: 'Company',
      help: "The company's web domain, used to find duplicates and to match email to the account.",
      example: 'acme.com',
    },
    website: {
      type: 'url',
      label: 'Website',
      group: 'Company',
      placement: 'detail',
      example: 'https://www.acme.com',
    },
    industry: { type: 'select', label: 'Industry', options: options(industries), group: 'Company' },
    sicCode: {
      type: 'text',
      label: 'SIC code',
      max: 10,
      group: 'Company',
      placement: 'detail',
      help: 'Standard Industrial Classification code, for reports by sector.',
      example: '7372',
    },
    employees: {
      type: 'integer',
      label: 'Employees',
      group: 'Company',
      help: 'Head count across the whole company, an estimate is fine.',
      example: '250',
    },
    annualRevenue: {
      type: 'money',
      label: 'Annual revenue',
      group: 'Company',
      help: 'Yearly revenue, in the currency below.',
      example: '12500000.00',
    },
    currency: {
      type: 'text',
      label: 'Currency',
      max: 3,
      group: 'Company',
      placement: 'detail',
      help: 'ISO 4217 code of the currency of the annual revenue.',
      example: 'EUR',
    },
    phone: {
      type: 'phone',
      label: 'Phone',
      searchable: true,
      group: 'Company',
      help: "The switchboard; people's own numbers go on their contacts.",
      example: '+44 20 7946 0958',
    },
    billingAddress: { type: 'address', label: 'Billing address', group: 'Addresses', placement: 'detail' },
    shippingAddress: {
      type: 'address',
      label: 'Shipping address',
      group: 'Addresses',
      placement: 'detail',
    },
    parentAccountId: {
      type: 'reference',
      label: 'Parent account',
      reference: 'accounts',
      group: 'Company',
      placement: 'detail',
      help: 'The group this company belongs to, for subsidiaries and branches.',
    },
    lifecycleStage: {
      type: 'select',
      label: 'Lifecycle stage',
      options: lifecycleOptions,
      group: 'Sales',
      help: 'How far the company has come with you, from subscriber to customer.',
    },
    tags: {
      type: 'tags',
      label: 'Tags',
      group: 'Sales',
      help: 'Free labels for lists and filters.',
      example: 'partner',
    },
    description: {
      type: 'longtext',
      label: 'Description',
      group: 'Company',
      placement: 'detail',
      timeline: false,
    },
  },
  indexes: (t) => [
    index('accounts_name_idx').on(t.workspaceId, t.name, t.id).where(live),
    index('accounts_domain_idx').on(t.workspaceId, t.domain).where(live),
    // Duplicate checks look up the same number here (quality/server/rules.ts).
    index('accounts_phone_idx').on(t.workspaceId, t.phone).where(live),
    index('accounts_parent_idx').on(t.workspaceId, t.parentAccountId),
  ],
  foreignKeys: { accounts_parent_fk: { field: 'parentAccountId' } },
  hooks: {
    validate(_scope, drafts) {
      return drafts.flatMap((draft) => {
        const { currency, employees } = draft.changes;
        const errors = [];
        if (typeof currency === 'string' && !/^[A-Z]{3}$/.test(currency))
          errors.push(draftError(draft, 'currency', 'must be an ISO 4217 code like EUR'));
        if (typeof employees === 'number' && employees < 0)
          errors.push(draftError(draft, 'employees', 'cannot be negative'));
        return errors;
      });
    },
  },
});

export const accounts = accountObject.table;
