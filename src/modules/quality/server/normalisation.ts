import type { Draft, ResolvedField, Subscription } from '../../../server/engine';
import { countryCode } from './countries';
import { personName } from './personNames';

/** Fields that hold a person's name, on any object (contacts, custom objects of people). */
const personNameFields = new Set(['firstName', 'middleName', 'lastName']);
const isCountryField = (name: string) => name === 'country' || name.endsWith('Country');

function normalised(field: ResolvedField, value: unknown): unknown {
  if (field.spec.type !== 'text' || typeof value !== 'string') return value;
  if (personNameFields.has(field.name)) return personName(value);
  if (isCountryField(field.name)) return countryCode(value) ?? value;
  return value;
}

/**
 * Imported rows tidied before validation, so the rules judge the stored value: person names trimmed
 * and put in proper case when typed all in capitals or lower case, and countries (text fields named
 * `country` or `…Country`) as ISO 3166-1 alpha-2 codes where recognised. Imports only: a spreadsheet is
 * where ALL CAPS and "U.S." come from in bulk, while what a person or an integration writes one record
 * at a time is kept as they wrote it (clients compare what they sent, and lead assignment rules and
 * saved filters compare countries as people typed them, "Germany").
 */
export const normalisationSubscription: Subscription = {
  object: '*',
  hooks: {
    defaults(scope, drafts: Draft[]) {
      if (scope.operation !== 'import') return;
      for (const draft of drafts)
        for (const [name, value] of Object.entries(draft.changes)) {
          const field = scope.object.fields.get(name);
          if (field) draft.changes[name] = normalised(field, value);
        }
    },
  },
};
