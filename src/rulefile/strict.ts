// A strict YAML reader with positions, in the spirit of Go's yaml.UnmarshalStrict which promtool
// uses: unknown fields and wrong types are errors, each pointing at file:line:column.
import { type Problem, problem, type SourcePosition } from '../problem.ts';
import { parseDuration } from '../promql/duration.ts';
import { fastTrees } from './fast-yaml.ts';
import {
  linePos,
  lineStarts,
  type TreeNode,
  type TreeScalar,
  treeFromYaml,
  unknownOffset,
  yamlLibrary,
} from './yaml-tree.ts';

type LinePos = (offset: number) => { line: number; col: number };

/**
 * Reads one YAML document with `read`, first on js-yaml's fast tree. When that read records a problem
 * (whose message and position the positional parse owns) or asks where a node the fast tree does not
 * place is, it runs again on the positional `yaml` parse: a clean file never loads the `yaml` library,
 * and a file with problems reports exactly what that parse reports.
 */
export function readYaml<T>(
  text: string,
  file: string,
  check: string,
  read: (reader: YamlReader, root: TreeNode | null) => T,
): T {
  const documents = fastTrees(text);
  if (documents !== null && documents.length === 1) {
    const starts = lineStarts(text);
    const reader = new YamlReader(file, check, (offset) => linePos(starts, offset));
    const value = read(reader, documents[0] ?? null);
    if (reader.problems.length === 0 && !reader.inexact) return value;
  }
  const { LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const reader = new YamlReader(file, check, (offset) => lines.linePos(offset));
  for (const e of doc.errors) {
    const at = lines.linePos(e.pos[0]);
    reader.errorAt({ file, line: at.line, column: at.col }, `yaml: ${e.message.split('\n')[0] ?? ''}`);
  }
  return read(reader, doc.errors.length > 0 ? null : treeFromYaml(text, doc.contents));
}

export class YamlReader {
  readonly problems: Problem[] = [];
  /** A position was asked of a node the fast tree does not place (an empty value): read again positionally. */
  inexact = false;

  constructor(
    readonly file: string,
    private readonly check: string,
    private readonly linePos: LinePos,
  ) {}

  private offset(start: number): number {
    if (start !== unknownOffset) return start;
    this.inexact = true;
    return 0;
  }

  at(node: TreeNode | null | undefined): SourcePosition {
    const { line, col } = this.linePos(this.offset(node?.start ?? 0));
    return { file: this.file, line, column: col };
  }

  /** Position of a character inside a scalar's source text (for expressions and series notation). */
  atInside(node: TreeNode | null, index: number): SourcePosition {
    const base = this.offset(node?.start ?? 0);
    const quoted =
      node?.kind === 'scalar' && (node.style === 'QUOTE_DOUBLE' || node.style === 'QUOTE_SINGLE') ? 1 : 0;
    const plainSingleLine = node?.kind === 'scalar' && (node.style === 'PLAIN' || quoted === 1);
    const { line, col } = this.linePos(base + quoted + (plainSingleLine ? index : 0));
    return { file: this.file, line, column: col };
  }

  error(node: TreeNode | null | undefined, message: string): void {
    this.problems.push(problem(this.check, 'error', message, this.at(node)));
  }

  errorAt(at: SourcePosition, message: string): void {
    this.problems.push(problem(this.check, 'error', message, at));
  }

  /** Reads a mapping with the allowed keys; unknown keys are errors. Returns key -> value node. */
  fields(
    node: TreeNode | null | undefined,
    what: string,
    allowed: readonly string[],
  ): Map<string, TreeNode | null> | null {
    const out = new Map<string, TreeNode | null>();
    if (this.isNull(node)) return out;
    if (node?.kind !== 'map') {
      this.error(node, `${what} must be a mapping`);
      return null;
    }
    for (const { key, value } of node.pairs) {
      const name = key?.kind === 'scalar' ? String(key.value) : '';
      if (!allowed.includes(name)) {
        this.error(key, `field ${name} not found in ${what}`);
        continue;
      }
      out.set(name, value);
    }
    return out;
  }

  isNull(node: TreeNode | null | undefined): boolean {
    return node === null || node === undefined || (node.kind === 'scalar' && node.value === null);
  }

  /** A string field; like yaml.v2, any scalar is accepted as its source text. */
  string(node: TreeNode | null | undefined, what: string): string | null {
    if (this.isNull(node)) return '';
    if (node?.kind !== 'scalar') {
      this.error(node, `${what} must be a string`);
      return null;
    }
    return scalarText(node);
  }

  number(node: TreeNode | null | undefined, what: string): number | null {
    if (this.isNull(node)) return 0;
    if (node?.kind !== 'scalar' || typeof node.value !== 'number') {
      this.error(
        node,
        `${what}: cannot unmarshal ${node?.kind === 'scalar' ? JSON.stringify(scalarText(node)) : 'non-scalar'} into a float`,
      );
      return null;
    }
    return node.value;
  }

  duration(node: TreeNode | null | undefined, what: string): number | null {
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

  list(node: TreeNode | null | undefined, what: string): readonly (TreeNode | null)[] | null {
    if (this.isNull(node)) return [];
    if (node?.kind !== 'seq') {
      this.error(node, `${what} must be a list`);
      return null;
    }
    return node.items;
  }

  stringMap(node: TreeNode | null | undefined, what: string): Map<string, string> | null {
    if (this.isNull(node)) return new Map();
    if (node?.kind !== 'map') {
      this.error(node, `${what} must be a mapping of strings`);
      return null;
    }
    const out = new Map<string, string>();
    for (const pair of node.pairs) {
      const key = this.string(pair.key, `${what} key`);
      const value = this.string(pair.value, `${what} value`);
      if (key === null || value === null) return null;
      out.set(key, value);
    }
    return out;
  }
}

function scalarText(node: TreeScalar): string {
  if (node.value === null) return '';
  if (typeof node.value === 'string') return node.value;
  // Numbers and booleans: the source text, as Go's yaml.v2 gives it to a string field.
  return node.source ?? String(node.value);
}
