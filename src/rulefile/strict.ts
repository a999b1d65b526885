// A strict YAML reader with positions, in the spirit of Go's yaml.UnmarshalStrict which promtool
// uses: unknown fields and wrong types are errors, each pointing at file:line:column.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Scalar } from 'yaml';
import { type Problem, problem, type SourcePosition } from '../problem.ts';
import { parseDuration } from '../promql/duration.ts';

export class YamlReader {
  readonly problems: Problem[] = [];
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    private readonly check: string,
  ) {}

  /** Parses the text; returns the root node, or null with problems recorded. */
  parse(text: string): Node | null {
    const doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false });
    for (const e of doc.errors) {
      const at = this.lines.linePos(e.pos[0]);
      this.problems.push(
        problem(this.check, 'error', `yaml: ${e.message.split('\n')[0] ?? ''}`, {
          file: this.file,
          line: at.line,
          column: at.col,
        }),
      );
    }
    if (doc.errors.length > 0) return null;
    return (doc.contents as Node | null) ?? null;
  }

  at(node: Node | null | undefined): SourcePosition {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** Position of a character inside a scalar's source text (for expressions and series notation). */
  atInside(node: Node, index: number): SourcePosition {
    const base = node.range?.[0] ?? 0;
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0;
    const plainSingleLine = isScalar(node) && (node.type === 'PLAIN' || quoted === 1);
    const { line, col } = this.lines.linePos(base + quoted + (plainSingleLine ? index : 0));
    return { file: this.file, line, column: col };
  }

  error(node: Node | null | undefined, message: string): void {
    this.problems.push(problem(this.check, 'error', message, this.at(node)));
  }

  errorAt(at: SourcePosition, message: string): void {
    this.problems.push(problem(this.check, 'error', message, at));
  }

  /** Reads a mapping with the allowed keys; unknown keys are errors. Returns key -> value node. */
  fields(
    node: Node | null | undefined,
    what: string,
    allowed: readonly string[],
  ): Map<string, Node | null> | null {
    const out = new Map<string, Node | null>();
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return out;
    if (!isMap(node)) {
      this.error(node, `${what} must be a mapping`);
      return null;
    }
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const name = isScalar(key) ? String(key.value) : '';
      if (!allowed.includes(name)) {
        this.error(key, `field ${name} not found in ${what}`);
        continue;
      }
      out.set(name, (pair.value as Node | null) ?? null);
    }
    return out;
  }

  isNull(node: Node | null | undefined): boolean {
    return node === null || node === undefined || (isScalar(node) && node.value === null);
  }

  /** A string field; like yaml.v2, any scalar is accepted as its source text. */
  string(node: Node | null | undefined, what: string): string | null {
    if (this.isNull(node)) return '';
    if (!isScalar(node)) {
      this.error(node, `${what} must be a string`);
      return null;
    }
    return scalarText(node);
  }

  number(node: Node | null | undefined, what: string): number | null {
    if (this.isNull(node)) return 0;
    if (!isScalar(node) || typeof node.value !== 'number') {
      this.error(
        node,
        `${what}: cannot unmarshal ${isScalar(node) ? JSON.stringify(scalarText(node)) : 'non-scalar'} into a float`,
      );
      return null;
    }
    return node.value;
  }

  duration(node: Node | null | undefined, what: string): number | null {
    if (this.isNull(node)) return 0;
    const text = this.string(node, what);
    if (text === null) return null;
    const d = parseDuration(text);
    if (!d.ok) {
      this.error(node, `${what}: ${d.message}`);
      return null;
    }
    return d.ms;
  }

  list(node: Node | null | undefined, what: string): Node[] | null {
    if (this.isNull(node)) return [];
    if (!isSeq(node)) {
      this.error(node, `${what} must be a list`);
      return null;
    }
    return node.items as Node[];
  }

  stringMap(node: Node | null | undefined, what: string): Map<string, string> | null {
    if (this.isNull(node)) return new Map();
    if (!isMap(node)) {
      this.error(node, `${what} must be a mapping of strings`);
      return null;
    }
    const out = new Map<string, string>();
    for (const pair of node.items) {
      const key = this.string(pair.key as Node, `${what} key`);
      const value = this.string(pair.value as Node | null, `${what} value`);
      if (key === null || value === null) return null;
      out.set(key, value);
    }
    return out;
  }
}

function scalarText(node: Scalar): string {
  if (node.value === null) return '';
  if (typeof node.value === 'string') return node.value;
  // Numbers and booleans: the source text, as Go's yaml.v2 gives it to a string field.
  return node.source ?? String(node.value);
}
