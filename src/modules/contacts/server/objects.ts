import { sql } from 'drizzle-orm';
import { index } from 'drizzle-orm/pg-core';
import { leadSources, leadStatuses, optionLabel, preferredChannels } from '../contract';
import { defineObject, draftError, draftRecord, live } from '../../../server/engine';
import { lifecycleOptions } from '../../accounts/contract';
import { accounts } from '../../accounts/server';
import { insertPrimaryLinks, linkPrimaryAccount } from './relations';

/** A person, with or without a company. Personal facts live here; the company's on its account. */
export const contactObject = defineObject({
  name: 'contacts',
  label: 'Contact',
  labelPlural: 'Contacts',
  titleField: 'lastName',
  subtitleField: 'email',
  titleSql: (t) => sql`concat_ws(' ', ${t}.first_name, ${t}.last_name)`,
  hasOwner: true,
  defaultVisibility: 'workspace',
  defaultSort: 'lastName,firstName',
  duplicatesByContext: true,
  fields: {
    firstName: {
      type: 'text',
      label: 'First name',
      searchable: true,
      max: 200,
      group: 'Person',
      example: 'Ada',
    },
    lastName: {
      type: 'text',
      label: 'Last name',
      searchable: true,
      max: 200,
      group: 'Person',
      help: 'Give a first name, a last name, or both.',
      example: 'Lovelace',
    },
    title: {
      type: 'text',
      label: 'Job title',
      max: 300,
      group: 'Person',
      help: 'As on their signature or business card.',
      example: 'Head of Procurement',
    },
    email: {
      type: 'email',
      label: 'Email',
      searchable: true,
      group: 'Reach',
      help: 'The address you write to; used to match incoming email and to find duplicates.',
      example: 'ada@acme.com',
    },
    emails: {
      type: 'emails',
      label: 'Other emails',
      searchable: true,
      group: 'Reach',
      placement: 'detail',
      help: 'Private or former addresses; email from them is matched to this contact too.',
    },
    emailBouncedAt: {
      type: 'datetime',
      label: 'Email bounced',
      readOnly: true,
      group: 'Reach',
      placement: 'detail',
      help: 'When a message to the address in Email last bounced; cleared when the address changes.',
    },
    phone: {
      type: 'phone',
      label: 'Phone',
      searchable: true,
      group: 'Reach',
      help: "The number you call first; numbers without a country code take the workspace's country.",
      example: '+44 7700 900123',
    },
    mobilePhone: {
      type: 'phone',
      label: 'Mobile',
      searchable: true,
      group: 'Reach',
      placement: 'detail',
      help: 'Their own phone, for calls and text messages away from the desk.',
      example: '+44 7700 900123',
    },
    phones: {
      type: 'phones',
      label: 'Other phones',
      searchable: true,
      group: 'Reach',
      placement: 'detail',
    },
    mailingAddress: {
      type: 'address',
      label: 'Address',
      group: 'Reach',
      placement: 'detail',
      help: 'Where they work or take post, as on their signature or business card.',
    },
    accountId: {
      type: 'reference',
      label: 'Account',
      reference: 'accounts',
      group: 'Person',
      help: 'The company they work for now; a change keeps the old one as a past relationship.',
    },
    birthday: {
      type: 'date',
      label: 'Birthday',
      group: 'Personal',
      placement: 'detail',
      example: '1990-12-10',
    },
    preferredChannel: {
      type: 'select',
      label: 'Preferred channel',
      options: preferredChannels.map((c) => ({ value: c, label: c[0].toUpperCase() + c.slice(1) })),
      group: 'Reach',
      placement: 'detail',
      help: 'How they like to be reached.',
    },
    lifecycleStage: { type: 'select', label: 'Lifecycle stage', options: lifecycleOptions, group: 'Sales' },
    leadSource: {
      type: 'select',
      label: 'Lead source',
      options: leadSources.map((value) => ({ value, label: optionLabel(value) })),
      group: 'Sales',
      help: 'Where the person came from; their deals keep it for attribution.',
    },
    leadStatus: {
      type: 'select',
      label: 'Lead status',
      options: leadStatuses.map((value) => ({ value, label: optionLabel(value) })),
      group: 'Sales',
      help: 'How far sales has got with the lead.',
    },
    disqualifiedReason: {
      type: 'text',
      label: 'Disqualified because',
      max: 500,
      group: 'Sales',
      placement: 'detail',
      help: 'Required when the lead is disqualified.',
    },
    notes: {
      type: 'longtext',
      label: 'Personal notes',
      group: 'Personal',
      placement: 'detail',
      timeline: false,
      help: 'What helps the next conversation: family, interests, how they like to work.',
    },
  },
  indexes: (t) => [
    index('contacts_name_idx').on(t.workspaceId, t.lastName, t.firstName, t.id).where(live),
    index('contacts_email_idx').on(t.workspaceId, t.email).where(live),
    index('contacts_phone_idx').on(t.workspaceId, t.phone).where(live),
    // Duplicate checks look up the same number here (quality/server/rules.ts).
    index('contacts_mobile_phone_idx').on(t.workspaceId, t.mobilePhone).where(live),
    index('contacts_account_idx').on(t.workspaceId, t.accountId, t.id).where(live),
    // Likely duplicates by name are looked up within these contexts, and the account's (above).
    index('contacts_email_domain_idx')
      .on(t.workspaceId, sql`split_part(${t.email}, '@', 2)`)
      .where(live),
    index('contacts_city_idx')
      .on(t.workspaceId, sql`lower(${t.mailingAddress}->>'city')`)
      .where(live),
    // Aggregates grouped by stage read only this index; the owner lets it apply visibility too.
    index('contacts_lifecycle_idx').on(t.workspaceId, t.lifecycleStage, t.ownerId).where(live),
    // A rep's lead queue: their leads by status, newest first.
    index('contacts_lead_queue_idx').on(t.workspaceId, t.ownerId, t.leadStatus, t.createdAt).where(live),
    // "Accounts that have contacts whose last name starts with …" walks the accounts in their order and
    // checks each one's contacts here, from the index alone (no row of the contact is read).
    index('contacts_account_name_idx').on(t.workspaceId, t.accountId, t.lastName).where(live),
    // The contacts whose email bounced, to clean up or call instead: few, so the index is partial.
    index('contacts_bounced_idx')
      .on(t.workspaceId, t.emailBouncedAt, t.id)
      .where(sql`deleted_at IS NULL AND email_bounced_at IS NOT NULL`),
  ],
  foreignKeys: { contacts_account_fk: { field: 'accountId', table: () => accounts } },
  hooks: {
    validate(_scope, drafts) {
      const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
      return drafts.flatMap((draft) => {
        const record = draftRecord(draft);
        const errors = [];
        if (blank(record.firstName) && blank(record.lastName))
          errors.push(draftError(draft, 'lastName', 'give a first name or a last name'));
        if (record.leadStatus === 'disqualified' && blank(record.disqualifiedReason))
          errors.push(draftError(draft, 'disqualifiedReason', 'is required when the lead is disqualified'));
        return errors;
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

export const contacts = contactObject.table;
