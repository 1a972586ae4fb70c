/**
 * Country names and codes as ISO 3166-1 alpha-2, with no network call: the names come from the ICU data
 * Node carries (Intl.DisplayNames) in the languages customers' spreadsheets are most often written in,
 * plus the everyday forms no standard lists ("USA", "U.K.", "Holland").
 */

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Codes ICU names that ISO 3166-1 does not assign to a country: reserved, grouping and private ones. */
const notCountries = new Set([
  'AC',
  'CP',
  'CQ',
  'DG',
  'EA',
  'EU',
  'EZ',
  'IC',
  'QO',
  'TA',
  'UN',
  'XA',
  'XB',
  'ZZ',
]);
const languages = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'];

const everydayNames: Record<string, string> = {
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  holland: 'NL',
  'czech republic': 'CZ',
  korea: 'KR',
  'republic of korea': 'KR',
  'russian federation': 'RU',
  turkey: 'TR',
  'ivory coast': 'CI',
  'cabo verde': 'CV',
  'east timor': 'TL',
  swaziland: 'SZ',
  macedonia: 'MK',
  burma: 'MM',
  'holy see': 'VA',
  vatican: 'VA',
  uae: 'AE',
  'viet nam': 'VN',
  palestine: 'PS',
  'democratic republic of the congo': 'CD',
  'dr congo': 'CD',
  'republic of the congo': 'CG',
};

/** "Côte d’Ivoire", "the Netherlands" and "St. Kitts & Nevis" as keys typed variants share. */
export function countryKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/\bsaint\b/g, 'st');
}

function buildBook(): Map<string, string> {
  const book = new Map<string, string>();
  const add = (name: string | undefined, code: string) => {
    if (!name) return;
    for (const form of [name, name.replace(/\s*\(.*\)$/, ''), name.replace(/ SAR China$/, '')]) {
      const key = countryKey(form);
      if (key && !book.has(key)) book.set(key, code);
    }
  };
  const codes: string[] = [];
  for (const a of letters)
    for (const b of letters) {
      const code = a + b;
      if (!notCountries.has(code) && Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`)
        codes.push(code);
    }
  for (const language of languages)
    for (const style of ['long', 'short'] as const) {
      const names = new Intl.DisplayNames(language, { type: 'region', style, fallback: 'none' });
      for (const code of codes) add(names.of(code), code);
    }
  // A code stands for itself; only codes ICU names are countries.
  const known = new Set(book.values());
  for (const code of known) book.set(code.toLowerCase(), code);
  for (const [name, code] of Object.entries(everydayNames)) if (!book.has(name)) book.set(name, code);
  return book;
}

let book: Map<string, string> | undefined;

/** The ISO 3166-1 alpha-2 code of a country name or code as people type it, or null when it is none. */
export function countryCode(text: string): string | null {
  book ??= buildBook();
  return book.get(countryKey(text)) ?? null;
}
