import type { ResolvedObject } from '../../../server/engine';
import type { ImportMapping } from '../contract';
import { isImportable } from './cells';
import type { SourceRow } from './sources';

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header words people use for the standard fields, squashed (no case, spaces or punctuation). */
const synonyms: Record<string, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'email1', 'primaryemail', 'workemail'],
  emails: ['otheremails', 'email2', 'secondaryemail'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'cell', 'phonenumber', 'mobilephone', 'workphone'],
  phones: ['otherphones', 'phone2'],
  firstName: ['firstname', 'givenname', 'first', 'forename', 'prenom'],
  lastName: ['lastname', 'surname', 'familyname', 'last', 'nom'],
  title: ['title', 'jobtitle', 'position', 'role'],
  birthday: ['birthday', 'dateofbirth', 'dob', 'birthdate'],
  website: ['website', 'url', 'web', 'homepage'],
  domain: ['domain', 'emaildomain', 'companydomain'],
  employees: ['employees', 'headcount', 'numberofemployees', 'staff'],
  annualRevenue: ['annualrevenue', 'revenue', 'turnover'],
  'account.name': [
    'company',
    'companyname',
    'organization',
    'organisation',
    'account',
    'accountname',
    'employer',
    'org',
  ],
  'account.domain': ['companydomain', 'companywebsite', 'accountdomain'],
  // A contacts file may carry each person's deal (a row per contact, the deal repeated).
  'deal.name': ['deal', 'dealname', 'dealtitle', 'opportunity', 'opportunityname', 'opportunitytitle'],
  'deal.amount': ['amount', 'dealamount', 'dealvalue', 'dealsize', 'opportunityamount', 'opportunityvalue'],
  'deal.stageId': ['dealstage', 'stage', 'opportunitystage', 'salesstage'],
  'deal.pipelineId': ['pipeline', 'dealpipeline', 'salespipeline'],
  'deal.closeDate': ['closedate', 'dealclosedate', 'expectedclosedate', 'expectedclose', 'closingdate'],
  'deal.currency': ['dealcurrency', 'currency'],
  'deal.role': ['dealrole', 'roleindeal', 'contactrole', 'buyingrole'],
};

const looksLike: [RegExp, string][] = [
  [/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i, 'email'],
  [/^\+?[\d\s().-]{7,20}$/, 'phone'],
];

/**
 * A mapping guessed from header names (field names, labels, common synonyms), then from the sample
 * values of columns still unmapped (addresses with @ are emails); each field is used once.
 */
export function suggestMapping(
  object: ResolvedObject,
  headers: string[],
  samples: SourceRow[],
): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<string>();
  const fields = [...object.fields.values()].filter(
    (f) => !f.retired && !f.computed && !f.spec.readOnly && !f.system && isImportable(f),
  );
  const hasAccount = object.fields.get('accountId')?.spec.reference === 'accounts';
  const hasDeals = object.name === 'contacts' && object.peers.has('deals');
  const take = (header: string, field: string) => {
    if (used.has(field) || mapping[header]) return;
    mapping[header] = field;
    used.add(field);
  };
  for (const header of headers) {
    const h = squash(header);
    if (!h) continue;
    const exact = fields.find((f) => squash(f.name) === h || squash(f.spec.label) === h);
    if (exact) {
      take(header, exact.name);
      continue;
    }
    for (const [field, words] of Object.entries(synonyms)) {
      const available = field.startsWith('account.')
        ? hasAccount
        : field.startsWith('deal.')
          ? hasDeals
          : fields.some((f) => f.name === field);
      if (available && words.includes(h)) {
        take(header, field);
        break;
      }
    }
  }
  // Deal columns go with a deal name only (an "Amount" alone is no deal).
  if (!used.has('deal.name'))
    for (const [header, field] of Object.entries(mapping))
      if (field.startsWith('deal.')) {
        delete mapping[header];
        used.delete(field);
      }
  headers.forEach((header, index) => {
    if (mapping[header]) return;
    const values = samples.map((s) => (s.cells[index] ?? '').trim()).filter(Boolean);
    if (values.length === 0) return;
    for (const [pattern, field] of looksLike) {
      if (fields.some((f) => f.name === field) && values.every((v) => pattern.test(v))) {
        take(header, field);
        return;
      }
    }
  });
  return mapping;
}

/** A vCard's columns are the contact's fields already. */
export const identityMapping = (headers: string[]): ImportMapping =>
  Object.fromEntries(headers.map((h) => [h, h]));
