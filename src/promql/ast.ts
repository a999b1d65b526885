// The PromQL abstract syntax tree, shaped after Prometheus's own (promql/parser/ast.go) so the
// evaluator, printer and lint checks can follow Prometheus's semantics node for node.
// Every node carries its source range as 0-based UTF-16 offsets into the parsed text [start, end).

export type ValueType = 'vector' | 'matrix' | 'scalar' | 'string';

export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | 'atan2'
  | '=='
  | '!='
  | '>'
  | '<'
  | '>='
  | '<='
  | 'and'
  | 'or'
  | 'unless';

export type AggregateOp =
  | 'sum'
  | 'avg'
  | 'count'
  | 'min'
  | 'max'
  | 'group'
  | 'stddev'
  | 'stdvar'
  | 'topk'
  | 'bottomk'
  | 'count_values'
  | 'quantile';

/** `@ start()` / `@ end()` */
export type AtModifier =
  | { readonly kind: 'timestamp'; readonly ms: number }
  | { readonly kind: 'start' }
  | { readonly kind: 'end' };

export interface NumberLiteral extends SourceRange {
  readonly type: 'NumberLiteral';
  readonly value: number;
}

export interface StringLiteral extends SourceRange {
  readonly type: 'StringLiteral';
  readonly value: string;
}

export interface VectorSelector extends SourceRange {
  readonly type: 'VectorSelector';
  /** Metric name, '' when only given as a `__name__` matcher or absent. */
  readonly name: string;
  /** All matchers, including the implicit `__name__="name"` one when a name is given. */
  readonly matchers: readonly LabelMatcher[];
  /** Offset in milliseconds (may be negative), 0 when absent. */
  readonly offsetMs: number;
  readonly at: AtModifier | null;
}

/** Grafana's range variables: Grafana replaces them with a duration before Prometheus sees the query. */
export type GrafanaRangeVariable = '$__rate_interval' | '$__interval' | '$__range';

export interface MatrixSelector extends SourceRange {
  readonly type: 'MatrixSelector';
  readonly vectorSelector: VectorSelector;
  /** 0 when the range is a Grafana variable (unknown until Grafana resolves it). */
  readonly rangeMs: number;
  /**
   * Only in built trees (dashboard panels), never from the parser: the printer writes this variable
   * in place of the range, so the text is a Grafana query, not plain PromQL.
   */
  readonly rangeVariable?: GrafanaRangeVariable;
}

export interface SubqueryExpr extends SourceRange {
  readonly type: 'SubqueryExpr';
  readonly expr: Expr;
  readonly rangeMs: number;
  /** 0 when the step is omitted (the evaluation interval is used). */
  readonly stepMs: number;
  readonly offsetMs: number;
  readonly at: AtModifier | null;
}

export interface Call extends SourceRange {
  readonly type: 'Call';
  readonly func: string;
  readonly args: readonly Expr[];
}

export interface AggregateExpr extends SourceRange {
  readonly type: 'AggregateExpr';
  readonly op: AggregateOp;
  readonly expr: Expr;
  /** The parameter of topk, bottomk, quantile and count_values. */
  readonly param: Expr | null;
  readonly grouping: readonly string[];
  readonly without: boolean;
}

export interface VectorMatching {
  readonly card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  /** Labels in on()/ignoring(). */
  readonly matchingLabels: readonly string[];
  /** true for on(), false for ignoring() (or no modifier). */
  readonly on: boolean;
  /** Extra labels of group_left()/group_right(). */
  readonly include: readonly string[];
}

export interface BinaryExpr extends SourceRange {
  readonly type: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly lhs: Expr;
  readonly rhs: Expr;
  /** null when both sides are scalars. */
  readonly matching: VectorMatching | null;
  readonly returnBool: boolean;
}

export interface UnaryExpr extends SourceRange {
  readonly type: 'UnaryExpr';
  readonly op: '+' | '-';
  readonly expr: Expr;
}

export interface ParenExpr extends SourceRange {
  readonly type: 'ParenExpr';
  readonly expr: Expr;
}

/** `step()` and similar: Prometheus's StepInvariantExpr is an evaluator detail, not part of the AST. */
export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | Call
  | AggregateExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr;
