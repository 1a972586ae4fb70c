/**
 * A validation rule's JavaScript pattern (checked with the `u` flag on write) as a PostgreSQL regular
 * expression (ARE) that matches exactly the same strings, so stored values can be judged in SQL. The
 * two dialects differ: `.` in JavaScript stops at line ends, `\d \w \s \b` are ASCII (and JavaScript's
 * whitespace) there but locale-dependent in PostgreSQL, `\b` is a backspace in PostgreSQL, `[[:` opens a
 * character class name there, `\x41B` reads three hex digits there. What cannot be translated exactly
 * (back references, Unicode properties, named back references, `\D \W \S` inside a class, an empty
 * class, repeats over 255) is refused with the reason, and the rule is then reported as not checked.
 */
export type TranslatedPattern = { regex: string } | { refused: string };

const word = 'A-Za-z0-9_';
// JavaScript's \s (what `trim` removes): the white space and line terminators of ECMAScript.
export const jsWhitespace =
  '\\t\\n\\u000b\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const lineEnds = '\\n\\r\\u2028\\u2029';
const boundary = `(?:(?<=[${word}])(?![${word}])|(?<![${word}])(?=[${word}]))`;
const notBoundary = `(?:(?<=[${word}])(?=[${word}])|(?<![${word}])(?![${word}]))`;
// PostgreSQL's limit on a bounded repeat (RE_DUP_MAX).
const maxRepeat = 255;

class Refused extends Error {}

const hex4 = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
const codePoint = (code: number) => {
  if (code >= 0xd800 && code <= 0xdfff) throw new Refused('it names a UTF-16 surrogate');
  if (code === 0) throw new Refused('it names the NUL character');
  return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : hex4(code);
};

/** A character escape (`\t`, `\x41`, `\u{1F600}`, `\cJ`, `\.`) at `i` (just after the backslash): its ARE form and length. */
function characterEscape(source: string, i: number): { out: string; length: number } | null {
  const c = source[i];
  const simple: Record<string, string> = { t: '\\t', n: '\\n', r: '\\r', f: '\\f', v: '\\u000b' };
  if (c in simple) return { out: simple[c], length: 1 };
  if (c === 'x') {
    const digits = source.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(digits)) throw new Refused('it has an unclear \\x escape');
    return { out: codePoint(parseInt(digits, 16)), length: 3 };
  }
  if (c === 'u') {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(source.slice(i + 1));
    if (braced) return { out: codePoint(parseInt(braced[1], 16)), length: braced[0].length + 1 };
    const digits = source.slice(i + 1, i + 5);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw new Refused('it has an unclear \\u escape');
    return { out: codePoint(parseInt(digits, 16)), length: 5 };
  }
  if (c === 'c') {
    const letter = source[i + 1] ?? '';
    if (!/^[A-Za-z]$/.test(letter)) throw new Refused('it has an unclear \\c escape');
    return { out: codePoint(letter.charCodeAt(0) % 32), length: 2 };
  }
  if (c === '0' && !/[0-9]/.test(source[i + 1] ?? '')) throw new Refused('it names the NUL character');
  // Any other punctuation stands for itself in both dialects.
  if (c !== undefined && !/[A-Za-z0-9]/.test(c)) return { out: `\\${c}`, length: 1 };
  return null;
}

function escapeOutside(source: string, i: number): { out: string; length: number } {
  const c = source[i];
  const classes: Record<string, string> = {
    d: '[0-9]',
    D: '[^0-9]',
    w: `[${word}]`,
    W: `[^${word}]`,
    s: `[${jsWhitespace}]`,
    S: `[^${jsWhitespace}]`,
    b: boundary,
    B: notBoundary,
  };
  if (c in classes) return { out: classes[c], length: 1 };
  const escape = characterEscape(source, i);
  if (escape) return escape;
  if (/[1-9]/.test(c)) throw new Refused('it uses a back reference');
  if (c === 'k') throw new Refused('it uses a named back reference');
  if (c === 'p' || c === 'P') throw new Refused('it uses a Unicode property');
  throw new Refused(`it uses \\${c}`);
}

function escapeInside(source: string, i: number): { out: string; length: number } {
  const c = source[i];
  const classes: Record<string, string> = { d: '0-9', w: word, s: jsWhitespace };
  if (c in classes) return { out: classes[c], length: 1 };
  if (c === 'D' || c === 'W' || c === 'S') throw new Refused(`it uses \\${c} inside a character class`);
  if (c === 'b') return { out: '\\u0008', length: 1 };
  if (c === '-') return { out: '\\-', length: 1 };
  const escape = characterEscape(source, i);
  if (escape) return escape;
  throw new Refused(`it uses \\${c} inside a character class`);
}

/** A character class from `[` at `i`: its ARE form and where it ends. */
function characterClass(source: string, i: number): { out: string; next: number } {
  let j = i + 1;
  let out = '[';
  if (source[j] === '^') {
    j++;
    if (source[j] === ']') return { out: '.', next: j + 1 }; // [^] is any character; so is ARE's `.`
    out += '^';
  } else if (source[j] === ']') throw new Refused('it has an empty character class');
  for (; j < source.length && source[j] !== ']'; j++) {
    const c = source[j];
    if (c === '\\') {
      const escape = escapeInside(source, j + 1);
      out += escape.out;
      j += escape.length;
    } else if (c === '[' || c === '^') out += `\\${c}`;
    else out += c;
  }
  if (source[j] !== ']') throw new Refused('it has an unclosed character class');
  return { out: `${out}]`, next: j + 1 };
}

function group(source: string, i: number): { out: string; length: number } {
  const rest = source.slice(i);
  for (const opening of ['(?:', '(?=', '(?!', '(?<=', '(?<!'])
    if (rest.startsWith(opening)) return { out: opening, length: opening.length };
  // A named group captures like any group; only a named back reference would need its name.
  const named = /^\(\?<[A-Za-z_$][A-Za-z0-9_$]*>/.exec(rest);
  if (named) return { out: '(', length: named[0].length };
  if (rest.startsWith('(?')) throw new Refused('it uses a group kind PostgreSQL does not have');
  return { out: '(', length: 1 };
}

export function patternSql(source: string): TranslatedPattern {
  try {
    new RegExp(source, 'u');
  } catch {
    return { refused: 'it is not a valid regular expression' };
  }
  try {
    let out = '';
    for (let i = 0; i < source.length;) {
      const c = source[i];
      if (c === '\\') {
        const escape = escapeOutside(source, i + 1);
        out += escape.out;
        i += escape.length + 1;
      } else if (c === '[') {
        const found = characterClass(source, i);
        out += found.out;
        i = found.next;
      } else if (c === '(') {
        const found = group(source, i);
        out += found.out;
        i += found.length;
      } else if (c === '.') {
        out += `[^${lineEnds}]`;
        i++;
      } else if (c === '{') {
        const repeat = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (!repeat) throw new Refused('it has an unclear repeat');
        if (Number(repeat[1]) > maxRepeat || Number(repeat[3] || 0) > maxRepeat)
          throw new Refused(`it repeats more than ${maxRepeat} times`);
        out += repeat[0];
        i += repeat[0].length;
      } else {
        out += c;
        i++;
      }
    }
    return { regex: out };
  } catch (error) {
    if (error instanceof Refused) return { refused: error.message };
    throw error;
  }
}
