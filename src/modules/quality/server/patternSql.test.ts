import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../../../server/db/database';
import { createTestDb } from '../../../server/testing';
import { patternSql } from './patternSql';

let db: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.drop());

// Values that tell the dialects apart: line ends, Unicode letters and digits, JavaScript's whitespace,
// brackets and backslashes, astral characters.
const values = [
  '',
  'abc',
  'ABC',
  'a1_',
  'Zoë',
  'é',
  '٣',
  '123',
  '12a',
  'a b',
  'a\nb',
  'a\rb',
  'a\u2028b',
  '\u00a0',
  ' x ',
  'x\ty',
  'a-b',
  'a]b',
  'a[b',
  '[:alpha:]',
  'a\\b',
  'a^b',
  'x.y',
  'x/y',
  '😀',
  'a😀b',
  'A\u0008B',
  'ada@nasa.example',
  'AB-1234',
  'ab-12',
  'hello world',
  'helloworld',
  'ÉCOLE',
  'ﬁ',
];

const patterns = [
  '^[A-Z]{2}-\\d{4}$',
  '^\\d+$',
  '\\D',
  '^\\w+$',
  '\\W',
  '\\s',
  '\\S',
  '^.$',
  'a.b',
  '\\bworld',
  'o\\b',
  '\\Bb',
  '^[^@\\s]+@[^@\\s]+\\.[a-z]+$',
  '[\\]\\[]',
  '[\\-]',
  '[\\^]',
  '[\\\\]',
  '[[:]',
  '^[^]$',
  '\\x41',
  '\\u00e9',
  '\\u{1F600}',
  '[\\u00e0-\\u00ff]',
  '^(?:ab|cd)+$',
  '^(?<code>[A-Z]+)-',
  'hello(?= world)',
  'hello(?!world)',
  '(?<=a)b',
  '(?<!a)b',
  '^a{1,3}$',
  '^.{2,}$',
  'c.*?$',
  '^[\\s\\d]+$',
  '\\cJ',
  'x\\.y',
  'x\\/y',
  '\\t',
  '\\$|\\^',
  '^\\p{Lu}',
  '(a)\\1',
  '^a{300}$',
  '[\\D]',
  '\\k<n>(?<n>a)',
];

describe('a JavaScript pattern in PostgreSQL', () => {
  it('matches exactly the values JavaScript matches, or is refused with the reason', async () => {
    const refused: Record<string, string> = {};
    for (const pattern of patterns) {
      const translated = patternSql(pattern);
      if ('refused' in translated) {
        refused[pattern] = translated.refused;
        continue;
      }
      const expected = values.map((v) => new RegExp(pattern, 'u').test(v));
      const [found] = await db.read((x) =>
        rows<{ m: boolean[] }>(
          x,
          sql`SELECT ARRAY(SELECT v ~ ${translated.regex} FROM unnest(${`{${values
            .map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
            .join(',')}}`}::text[]) WITH ORDINALITY AS u(v, n) ORDER BY n) AS m`,
        ),
      );
      expect([pattern, found.m], translated.regex).toEqual([pattern, expected]);
    }
    expect(refused).toEqual({
      '^\\p{Lu}': 'it uses a Unicode property',
      '(a)\\1': 'it uses a back reference',
      '^a{300}$': 'it repeats more than 255 times',
      '[\\D]': 'it uses \\D inside a character class',
      '\\k<n>(?<n>a)': 'it uses a named back reference',
    });
  });

  it('refuses what is not a JavaScript pattern at all', () => {
    expect(patternSql('(')).toEqual({ refused: 'it is not a valid regular expression' });
    expect(patternSql('[]')).toEqual({ refused: 'it has an empty character class' });
  });
});
