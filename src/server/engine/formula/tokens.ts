/** The tokens of the formula language; `at` is the 1-based column where each starts. */
export type Token =
  | { kind: 'number'; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'name'; text: string; at: number }
  | { kind: 'op'; text: string; at: number }
  | { kind: 'end'; at: number };

/** A refused formula: the message ends with the column of the error, as admins read it. */
export class FormulaError extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(`${reason} at ${at}`);
  }
}

export const maxExpressionLength = 2000;

const operators = ['<=', '>=', '!=', '<>', '=', '<', '>', '+', '-', '*', '/', '&', '(', ')', ','];

export function tokenize(text: string): Token[] {
  if (text.length > maxExpressionLength)
    throw new FormulaError(
      `a formula has at most ${maxExpressionLength} characters`,
      maxExpressionLength + 1,
    );
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const at = i + 1;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(text.slice(i, i + 60));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], at });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 100));
    if (name) {
      tokens.push({ kind: 'name', text: name[0], at });
      i += name[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
      }
      if (j >= text.length) throw new FormulaError('unterminated text', at);
      tokens.push({ kind: 'string', value, at });
      i = j + 1;
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    if (!op) throw new FormulaError(`unexpected character "${c}"`, at);
    tokens.push({ kind: 'op', text: op === '<>' ? '!=' : op, at });
    i += op.length;
  }
  tokens.push({ kind: 'end', at: text.length + 1 });
  return tokens;
}
