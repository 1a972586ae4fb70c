import type { ComponentType } from 'react';
import type { ObjectMeta } from '../../../common/metadata';
import { AccountPeople } from '../../../modules/accounts/web';
import { ContactAccounts, SignatureAssist } from '../../../modules/contacts/web';
import type { CrmRecord } from '../../api/records';

/** A panel a domain module adds to the record page of one object (an account's people, a contact's companies). */
export interface RecordPanel {
  key: string;
  label: string;
  component: ComponentType<{ record: CrmRecord; meta: ObjectMeta }>;
}

/** A helper a domain module adds above the "new record" form (a contact's signature paste). */
export type FormAssist = ComponentType<{
  meta: ObjectMeta;
  onFill: (values: Record<string, unknown>) => void;
}>;

export const recordPanels: Record<string, RecordPanel[]> = {
  accounts: [{ key: 'people', label: 'People', component: AccountPeople }],
  contacts: [{ key: 'companies', label: 'Companies', component: ContactAccounts }],
};

export const formAssists: Record<string, FormAssist> = {
  contacts: SignatureAssist,
};
