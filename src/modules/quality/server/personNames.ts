/** Words that join a family name to what comes before it: "Ludwig van Beethoven", "García y López". */
const particles = new Set([
  'af',
  'av',
  'bin',
  'da',
  'das',
  'de',
  'dei',
  'del',
  'della',
  'den',
  'der',
  'di',
  'do',
  'dos',
  'du',
  'ibn',
  'la',
  'le',
  'te',
  'ten',
  'ter',
  'van',
  'vom',
  'von',
  'y',
  'zu',
]);
const romanNumeral = /^(?:ii|iii|iv|vi|vii|viii|ix)$/;

const upperFirst = (part: string) => {
  const [first = '', ...rest] = [...part];
  return first.toUpperCase() + rest.join('');
};

/** "o'brien" → "O'Brien", "mcdonald" → "McDonald", "anne-marie" → "Anne-Marie", "j.r." → "J.R.". */
function capitalised(word: string): string {
  return word
    .split(/(?<=[-'’.])/)
    .map((part) => upperFirst(part).replace(/^Mc(\p{Ll})/u, (_, c: string) => `Mc${c.toUpperCase()}`))
    .join('');
}

/**
 * A person's name trimmed, its spaces collapsed, and put in proper case only when it was typed all in
 * capitals or all in lower case: a name in mixed case is kept as its owner writes it ("DeAndre", "d'Alembert").
 * Particles stay lower case between words and start a family name that stands alone ("Van der Berg").
 */
export function personName(text: string): string {
  const name = text.trim().replace(/\s+/g, ' ');
  const hasUpper = name !== name.toLowerCase();
  const hasLower = name !== name.toUpperCase();
  if (hasUpper === hasLower) return name;
  const words = name.toLowerCase().split(' ');
  return words
    .map((word, i) => {
      if (i > 0 && romanNumeral.test(word)) return word.toUpperCase();
      if (i > 0 && i < words.length - 1 && particles.has(word)) return word;
      return capitalised(word);
    })
    .join(' ');
}
