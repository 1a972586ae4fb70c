import { industries, lifecycleOptions } from '../contract';
import { defineObject, draftError } from '../../../server/engine';
import { accounts } from './tables';

const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/** A company: the centre of Rapport. Company facts live here, personal facts on its contacts. */
export const accountObject = defineObject({
  name: 'accounts',
  label: 'Account',
  labelPlural: 'Accounts',
  table: accounts,
  titleField: 'name',
  subtitleField: 'domain',
  hasOwner: true,
  defaultVisibility: 'workspace',
  defaultSort: 'name',
  fields: {
    name: { type: 'text', label: 'Name', required: true, searchable: true, max: 300, group: 'Company' },
    domain: { type: 'domain', label: 'Domain', searchable: true, group: 'Company' },
    website: { type: 'url', label: 'Website', group: 'Company', placement: 'detail' },
    industry: { type: 'select', label: 'Industry', options: options(industries), group: 'Company' },
    sicCode: { type: 'text', label: 'SIC code', max: 10, group: 'Company', placement: 'detail' },
    employees: { type: 'integer', label: 'Employees', group: 'Company' },
    annualRevenue: { type: 'money', label: 'Annual revenue', group: 'Company' },
    currency: { type: 'text', label: 'Currency', max: 3, group: 'Company', placement: 'detail' },
    phone: { type: 'phone', label: 'Phone', searchable: true, group: 'Company' },
    billingAddress: { type: 'address', label: 'Billing address', group: 'Addresses', placement: 'detail' },
    shippingAddress: { type: 'address', label: 'Shipping address', group: 'Addresses', placement: 'detail' },
    parentAccountId: {
      type: 'reference',
      label: 'Parent account',
      reference: 'accounts',
      group: 'Company',
      placement: 'detail',
    },
    lifecycleStage: { type: 'select', label: 'Lifecycle stage', options: lifecycleOptions, group: 'Sales' },
    tags: { type: 'tags', label: 'Tags', group: 'Sales' },
    description: { type: 'longtext', label: 'Description', group: 'Company', placement: 'detail' },
  },
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
