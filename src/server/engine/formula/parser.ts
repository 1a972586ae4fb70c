import { FormulaError, tokenize, type Token } from './tokens';

export type BinaryOp = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '&' | '+' | '-' | '*' | '/';

/** A formula's syntax tree; `at` is the column of the node's first character. */
export type FormulaNode =
  | { type: 'number'; value: string; at: number }
  | { type: 'text'; value: string; at: number }
  | { type: 'boolean'; value: boolean; at: number }
  | { type: 'null'; at: number }
  | { type: 'field'; name: string; at: number }
  | { type: 'unary'; op: '-' | 'not'; arg: FormulaNode; at: number }
  | { type: 'binary'; op: BinaryOp; left: FormulaNode; right: FormulaNode; at: number }
  | { type: 'call'; name: string; args: FormulaNode[]; at: number };

export const maxDepth = 40;
export const maxNodes = 400;

const comparisons = ['=', '!=', '<', '<=', '>', '>='];

/**
 * A recursive-descent parser, lowest precedence first: or, and, not, comparison (not chained),
 * `&`, + -, * /, unary minus, then literals, names, calls and parentheses.
 */
class Parser {
  private i = 0;
  private depth = 0;
  private nodes = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): FormulaNode {
    const node = this.or();
    const next = this.peek();
    if (next.kind !== 'end') throw new FormulaError(`unexpected ${describe(next)}`, next.at);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t.kind === 'name' && t.text.toLowerCase() === word;
  }

  private expectOp(text: string): void {
    const t = this.peek();
    if (!this.isOp(text)) throw new FormulaError(`expected "${text}" but found ${describe(t)}`, t.at);
    this.i++;
  }

  private node<N extends FormulaNode>(node: N): N {
    if (++this.nodes > maxNodes) throw new FormulaError(`a formula has at most ${maxNodes} parts`, node.at);
    return node;
  }

  /** Every level of nesting passes here, so a deep formula is refused before the stack is. */
  private nested<T>(at: number, parse: () => T): T {
    if (++this.depth > maxDepth) throw new FormulaError(`a formula nests at most ${maxDepth} deep`, at);
    const result = parse();
    this.depth--;
    return result;
  }

  private or(): FormulaNode {
    let left = this.and();
    while (this.isWord('or')) {
      this.i++;
      left = this.node({ type: 'binary', op: 'or', left, right: this.and(), at: left.at });
    }
    return left;
  }

  private and(): FormulaNode {
    let left = this.not();
    while (this.isWord('and')) {
      this.i++;
      left = this.node({ type: 'binary', op: 'and', left, right: this.not(), at: left.at });
    }
    return left;
  }

  private not(): FormulaNode {
    const t = this.peek();
    if (this.isWord('not')) {
      this.i++;
      return this.node({ type: 'unary', op: 'not', arg: this.nested(t.at, () => this.not()), at: t.at });
    }
    return this.comparison();
  }

  private comparison(): FormulaNode {
    const left = this.concat();
    const t = this.peek();
    if (t.kind === 'op' && comparisons.includes(t.text)) {
      this.i++;
      const right = this.concat();
      const after = this.peek();
      if (after.kind === 'op' && comparisons.includes(after.text))
        throw new FormulaError('comparisons do not chain: use and', after.at);
      return this.node({ type: 'binary', op: t.text as BinaryOp, left, right, at: left.at });
    }
    return left;
  }

  private concat(): FormulaNode {
    let left = this.additive();
    while (this.isOp('&')) {
      this.i++;
      left = this.node({ type: 'binary', op: '&', left, right: this.additive(), at: left.at });
    }
    return left;
  }

  private additive(): FormulaNode {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.tokens[this.i++] as { text: BinaryOp }).text;
      left = this.node({ type: 'binary', op, left, right: this.multiplicative(), at: left.at });
    }
    return left;
  }

  private multiplicative(): FormulaNode {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.tokens[this.i++] as { text: BinaryOp }).text;
      left = this.node({ type: 'binary', op, left, right: this.unary(), at: left.at });
    }
    return left;
  }

  private unary(): FormulaNode {
    const t = this.peek();
    if (this.isOp('-')) {
      this.i++;
      return this.node({ type: 'unary', op: '-', arg: this.nested(t.at, () => this.unary()), at: t.at });
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const t = this.peek();
    if (t.kind === 'number') {
      this.i++;
      return this.node({ type: 'number', value: t.text, at: t.at });
    }
    if (t.kind === 'string') {
      this.i++;
      return this.node({ type: 'text', value: t.value, at: t.at });
    }
    if (t.kind === 'op' && t.text === '(') {
      this.i++;
      const inner = this.nested(t.at, () => this.or());
      this.expectOp(')');
      return inner;
    }
    if (t.kind !== 'name') throw new FormulaError(`expected a value but found ${describe(t)}`, t.at);
    this.i++;
    if (this.isOp('(')) {
      this.i++;
      const args: FormulaNode[] = [];
      this.nested(t.at, () => {
        if (!this.isOp(')')) {
          do args.push(this.or());
          while (this.isOp(',') && ++this.i);
        }
      });
      this.expectOp(')');
      return this.node({ type: 'call', name: t.text.toLowerCase(), args, at: t.at });
    }
    const word = t.text.toLowerCase();
    if (word === 'true' || word === 'false')
      return this.node({ type: 'boolean', value: word === 'true', at: t.at });
    if (word === 'null') return this.node({ type: 'null', at: t.at });
    return this.node({ type: 'field', name: t.text, at: t.at });
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end';
    case 'string':
      return 'text';
    case 'op':
      return `"${token.text}"`;
    default:
      return `"${token.text}"`;
  }
}

export function parseFormula(text: string): FormulaNode {
  const tokens = tokenize(text);
  if (tokens.length === 1) throw new FormulaError('the formula is empty', 1);
  return new Parser(tokens).parse();
}
