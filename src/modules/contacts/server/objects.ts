import { sql } from 'drizzle-orm';
import { preferredChannels } from '../contract';
import { defineObject, draftError, draftRecord } from '../../../server/engine';
import { lifecycleOptions } from '../../accounts/contract';
import { insertPrimaryLinks, linkPrimaryAccount } from './relations';
import { contacts } from './tables';

/** A person, with or without a company. Personal facts live here; the company's on its account. */
export const contactObject = defineObject({
  name: 'contacts',
  label: 'Contact',
  labelPlural: 'Contacts',
  table: contacts,
  titleField: 'lastName',
  subtitleField: 'email',
  titleSql: (t) => sql`concat_ws(' ', ${t}.first_name, ${t}.last_name)`,
  hasOwner: true,
  defaultVisibility: 'workspace',
  defaultSort: 'lastName,firstName',
  fields: {
    firstName: { type: 'text', label: 'First name', searchable: true, max: 200, group: 'Person' },
    lastName: { type: 'text', label: 'Last name', searchable: true, max: 200, group: 'Person' },
    title: { type: 'text', label: 'Job title', max: 300, group: 'Person' },
    email: { type: 'email', label: 'Email', searchable: true, group: 'Reach' },
    emails: { type: 'emails', label: 'Other emails', searchable: true, group: 'Reach', placement: 'detail' },
    phone: { type: 'phone', label: 'Phone', searchable: true, group: 'Reach' },
    phones: { type: 'phones', label: 'Other phones', searchable: true, group: 'Reach', placement: 'detail' },
    accountId: { type: 'reference', label: 'Account', reference: 'accounts', group: 'Person' },
    birthday: { type: 'date', label: 'Birthday', group: 'Personal', placement: 'detail' },
    preferredChannel: {
      type: 'select',
      label: 'Preferred channel',
      options: preferredChannels.map((c) => ({ value: c, label: c[0].toUpperCase() + c.slice(1) })),
      group: 'Reach',
      placement: 'detail',
    },
    lifecycleStage: { type: 'select', label: 'Lifecycle stage', options: lifecycleOptions, group: 'Sales' },
    notes: { type: 'longtext', label: 'Personal notes', group: 'Personal', placement: 'detail' },
  },
  hooks: {
    validate(_scope, drafts) {
      const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
      return drafts.flatMap((draft) => {
        const record = draftRecord(draft);
        return blank(record.firstName) && blank(record.lastName)
          ? [draftError(draft, 'lastName', 'give a first name or a last name')]
          : [];
      });
    },
    async afterWrite({ ctx, tx }, written) {
      const created = written.filter((w) => !w.before && typeof w.after.accountId === 'string');
      await insertPrimaryLinks(
        ctx,
        tx,
        created.map((w) => ({ contactId: w.id, accountId: w.after.accountId as string })),
      );
      for (const record of written) {
        if (!record.before || record.before.accountId === record.after.accountId) continue;
        await linkPrimaryAccount(ctx, tx, record.id, (record.after.accountId as string | null) ?? null);
      }
    },
  },
});
