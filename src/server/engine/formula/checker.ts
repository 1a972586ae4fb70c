import type { SQL } from 'drizzle-orm';
import type { FormulaNode } from './parser';
import { FormulaError } from './tokens';
import type { FormulaScope, FormulaType, ValueType } from './types';

/** A node with its type; field nodes carry their SQL, function calls their checked arguments. */
export interface Checked {
  node: FormulaNode;
  type: FormulaType;
  parts: Checked[];
  field?: SQL;
}

const numeric = ['number', 'money'];
const temporal = ['date', 'datetime'];
const units: Record<string, { arg: string; datetimeOnly?: boolean }> = {
  year: { arg: 'years' },
  years: { arg: 'years' },
  month: { arg: 'months' },
  months: { arg: 'months' },
  week: { arg: 'weeks' },
  weeks: { arg: 'weeks' },
  day: { arg: 'days' },
  days: { arg: 'days' },
  hour: { arg: 'hours', datetimeOnly: true },
  hours: { arg: 'hours', datetimeOnly: true },
  minute: { arg: 'mins', datetimeOnly: true },
  minutes: { arg: 'mins', datetimeOnly: true },
};

/** The make_interval argument of a date_add unit, for the compiler. */
export function intervalArg(unit: string): string {
  return units[unit.toLowerCase()].arg;
}

const article = (type: string) => (type === 'number' ? 'a number' : type === 'money' ? 'money' : `a ${type}`);

function expect(c: Checked, allowed: string[], what: string): void {
  if (c.type !== 'null' && !allowed.includes(c.type)) throw new FormulaError(`expected ${what}`, c.node.at);
}

/** One type for values that must agree (branches of if, arguments of min): money wins over number, datetime over date. */
function unify(parts: Checked[]): FormulaType {
  let type: FormulaType = 'null';
  for (const part of parts) {
    if (part.type === 'null') continue;
    if (type === 'null' || type === part.type) type = part.type;
    else if (numeric.includes(type) && numeric.includes(part.type)) type = 'money';
    else if (temporal.includes(type) && temporal.includes(part.type)) type = 'datetime';
    else throw new FormulaError(`expected ${article(type)}`, part.node.at);
  }
  return type;
}

function arity(node: { name: string; at: number }, args: Checked[], min: number, max = min): void {
  if (args.length >= min && args.length <= max) return;
  const count =
    min === max
      ? `${min} argument${min === 1 ? '' : 's'}`
      : max === Infinity
        ? `at least ${min} arguments`
        : `${min} to ${max} arguments`;
  throw new FormulaError(`${node.name} takes ${count}`, node.at);
}

function call(node: Extract<FormulaNode, { type: 'call' }>, args: Checked[]): FormulaType {
  const one = (allowed: string[], what: string) => {
    arity(node, args, 1);
    expect(args[0], allowed, what);
  };
  switch (node.name) {
    case 'if':
      arity(node, args, 3);
      expect(args[0], ['boolean'], 'a true/false condition');
      return unify(args.slice(1));
    case 'case': {
      if (args.length < 4 || args.length % 2 !== 0)
        throw new FormulaError('case takes a value, pairs of match and result, and a default', node.at);
      const matches = args.filter((_, i) => i % 2 === 1 && i < args.length - 1);
      const results = args.filter((_, i) => i > 0 && (i % 2 === 0 || i === args.length - 1));
      unify([args[0], ...matches]);
      return unify(results);
    }
    case 'coalesce':
      arity(node, args, 2, Infinity);
      return unify(args);
    case 'isblank':
      arity(node, args, 1);
      return 'boolean';
    case 'round':
      arity(node, args, 1, 2);
      expect(args[0], numeric, 'a number');
      if (args[1]) expect(args[1], ['number'], 'a number of decimals');
      return args[0].type === 'null' ? 'number' : args[0].type;
    case 'abs':
    case 'floor':
    case 'ceil':
      one(numeric, 'a number');
      return args[0].type === 'null' ? 'number' : args[0].type;
    case 'min':
    case 'max': {
      arity(node, args, 2, Infinity);
      const type = unify(args);
      if (type === 'boolean') throw new FormulaError(`${node.name} compares numbers, text or dates`, node.at);
      return type;
    }
    case 'len':
      one(['text'], 'text');
      return 'number';
    case 'upper':
    case 'lower':
    case 'trim':
      one(['text'], 'text');
      return 'text';
    case 'left':
    case 'right':
      arity(node, args, 2);
      expect(args[0], ['text'], 'text');
      expect(args[1], ['number'], 'a number');
      return 'text';
    case 'contains':
      arity(node, args, 2);
      expect(args[0], ['text'], 'text');
      expect(args[1], ['text'], 'text');
      return 'boolean';
    case 'concat':
      arity(node, args, 1, Infinity);
      return 'text';
    case 'today':
      arity(node, args, 0);
      return 'date';
    case 'now':
      arity(node, args, 0);
      return 'datetime';
    case 'year':
    case 'month':
    case 'day':
      one(temporal, 'a date');
      return 'number';
    case 'date_add': {
      arity(node, args, 3);
      expect(args[0], temporal, 'a date');
      expect(args[1], ['number'], 'a number');
      const unit = args[2].node;
      const known = unit.type === 'text' ? units[unit.value.toLowerCase()] : undefined;
      if (!known)
        throw new FormulaError(
          'expected a unit: "days", "weeks", "months", "years", "hours" or "minutes"',
          unit.at,
        );
      if (known.datetimeOnly && args[0].type === 'date')
        throw new FormulaError('a date moves by days, weeks, months or years', unit.at);
      return args[0].type === 'null' ? 'date' : args[0].type;
    }
    case 'days_between':
      arity(node, args, 2);
      expect(args[0], temporal, 'a date');
      expect(args[1], temporal, 'a date');
      return 'number';
    default:
      throw new FormulaError(`unknown function "${node.name}"`, node.at);
  }
}

function arithmetic(op: string, left: Checked, right: Checked): ValueType {
  expect(left, numeric, 'a number');
  expect(right, numeric, 'a number');
  const money = (c: Checked) => c.type === 'money';
  if (op === '/') return money(left) && !money(right) ? 'money' : 'number';
  return money(left) || money(right) ? 'money' : 'number';
}

export function check(node: FormulaNode, scope: FormulaScope): Checked {
  switch (node.type) {
    case 'number':
      return { node, type: 'number', parts: [] };
    case 'text':
      return { node, type: 'text', parts: [] };
    case 'boolean':
      return { node, type: 'boolean', parts: [] };
    case 'null':
      return { node, type: 'null', parts: [] };
    case 'field': {
      const operand = scope.field(node.name, node.at);
      return { node, type: operand.type, parts: [], field: operand.sql };
    }
    case 'unary': {
      const arg = check(node.arg, scope);
      if (node.op === 'not') {
        expect(arg, ['boolean'], 'a true/false value');
        return { node, type: 'boolean', parts: [arg] };
      }
      expect(arg, numeric, 'a number');
      return { node, type: arg.type === 'null' ? 'number' : arg.type, parts: [arg] };
    }
    case 'binary': {
      const left = check(node.left, scope);
      const right = check(node.right, scope);
      const parts = [left, right];
      switch (node.op) {
        case 'and':
        case 'or':
          expect(left, ['boolean'], 'a true/false value');
          expect(right, ['boolean'], 'a true/false value');
          return { node, type: 'boolean', parts };
        case '&':
          return { node, type: 'text', parts };
        case '+':
        case '-':
        case '*':
        case '/':
          return { node, type: arithmetic(node.op, left, right), parts };
        default:
          unify(parts);
          return { node, type: 'boolean', parts };
      }
    }
    case 'call': {
      const args = node.args.map((a) => check(a, scope));
      return { node, type: call(node, args), parts: args };
    }
  }
}
