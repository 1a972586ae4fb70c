import type { Draft, ResolvedField, Subscription } from '../../../server/engine';
import { countryCode } from './countries';
import { personName } from './personNames';

/** Fields that hold a person's name, on any object (contacts, custom objects of people). */
const personNameFields = new Set(['firstName', 'middleName', 'lastName']);
const isCountryField = (name: string) => name === 'country' || name.endsWith('Country');

function normalised(field: ResolvedField, value: unknown, countries: boolean): unknown {
  if (field.spec.type !== 'text' || typeof value !== 'string') return value;
  if (personNameFields.has(field.name)) return personName(value);
  if (countries && isCountryField(field.name)) return countryCode(value) ?? value;
  return value;
}

/**
 * Person names trimmed and put in proper case when typed all in capitals or lower case, on every write
 * path (API, web app, import, capture, merge). Countries (text fields named `country` or `…Country`) as
 * ISO 3166-1 alpha-2 codes where recognised, on imports only for now: lead assignment rules and saved
 * filters compare countries as people typed them ("Germany"), so codes on every write wait until those
 * compare codes too. Runs before validation, so the rules judge the stored value.
 */
export const normalisationSubscription: Subscription = {
  object: '*',
  hooks: {
    defaults(scope, drafts: Draft[]) {
      if (scope.operation === 'delete' || scope.operation === 'restore') return;
      const countries = scope.operation === 'import';
      for (const draft of drafts)
        for (const [name, value] of Object.entries(draft.changes)) {
          const field = scope.object.fields.get(name);
          if (field) draft.changes[name] = normalised(field, value, countries);
        }
    },
  },
};
