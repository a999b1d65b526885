// Binary operator precedence, shared by the parser (which groups by it) and the printer (which adds
// exactly the parentheses it requires). Higher binds tighter; `^` is right-associative.
import type { AggregateOp, BinaryOp } from './ast.ts';

export const binaryPrecedence: Readonly<Record<BinaryOp, number>> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '>': 3,
  '<': 3,
  '>=': 3,
  '<=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};

/** The aggregation operators of 2.42: keywords for the lexer, aggregation heads for the parser. */
export const aggregators: ReadonlySet<string> = new Set<AggregateOp>([
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
]);
