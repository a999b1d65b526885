// What every dashboard check reads: the parsed JSON with positions, its panels (rows flattened)
// and targets, and the variables the dashboard defines.
import type { CheckOf } from '../../check.ts';
import type { Problem, Severity, SourcePosition } from '../../problem.ts';
import { field, itemsOf, type JsonNode, stringAt } from './json-source.ts';

export interface PanelNode {
  readonly node: JsonNode;
  readonly type: string;
  readonly title: string;
}

export interface TargetNode {
  readonly node: JsonNode;
  readonly panel: PanelNode;
  readonly expr: JsonNode | undefined;
}

export interface DashboardLintContext {
  readonly file: string;
  readonly root: JsonNode;
  /** Panels at every depth (inside rows too); row panels included, with type `row`. */
  readonly panels: readonly PanelNode[];
  readonly targets: readonly TargetNode[];
  /** Names in templating.list. */
  readonly variables: ReadonlySet<string>;
  /**
   * Series names that exist where the dashboard runs (the catalog's metrics, the recorded series
   * of the generated rules), when the caller knows them; null for a dashboard linted on its own.
   */
  readonly declaredSeries: ReadonlySet<string> | null;
  position(offset: number): SourcePosition;
  finding(
    check: string,
    severity: Severity,
    message: string,
    node: JsonNode | undefined,
    index?: number,
  ): Problem;
}

/**
 * Offset in the file of character `index` of a JSON string's decoded value: escapes (\" or \u0041)
 * take more characters in the file than in the value, so walk the raw text.
 */
export function offsetInString(text: string, node: JsonNode, index: number): number {
  let raw = node.offset + 1;
  for (let decoded = 0; decoded < index && raw < text.length; decoded++) {
    if (text.charCodeAt(raw) !== 92) raw += 1;
    else raw += text[raw + 1] === 'u' ? 6 : 2;
  }
  return raw;
}

/** A dashboard check: problems about one dashboard JSON file, at positions in it. */
export type DashboardCheck = CheckOf<DashboardLintContext, void, Problem>;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) starts.push(k + 1);
  return starts;
}

/** The dashboard object: the root, or `dashboard` inside an API export (`{"dashboard": {...}}`). */
export function dashboardNode(root: JsonNode): JsonNode {
  const inner = field(root, 'dashboard');
  return inner?.kind === 'object' && !field(root, 'panels') ? inner : root;
}

function collectPanels(list: JsonNode | undefined, into: PanelNode[]): void {
  for (const node of itemsOf(list)) {
    into.push({ node, type: stringAt(node, 'type') ?? '', title: stringAt(node, 'title') ?? '(untitled)' });
    collectPanels(field(node, 'panels'), into);
  }
}

export interface LintOptions {
  readonly declaredSeries?: ReadonlySet<string> | null;
}

export function lintContext(
  text: string,
  file: string,
  root: JsonNode,
  options: LintOptions = {},
): DashboardLintContext {
  const starts = lineStarts(text);
  const position = (offset: number): SourcePosition => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { file, line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
  const dashboard = dashboardNode(root);
  const panels: PanelNode[] = [];
  collectPanels(field(dashboard, 'panels'), panels);
  for (const row of itemsOf(field(dashboard, 'rows'))) collectPanels(field(row, 'panels'), panels);
  const targets = panels.flatMap((panel) =>
    itemsOf(field(panel.node, 'targets')).map((node) => ({ node, panel, expr: field(node, 'expr') })),
  );
  const variables = new Set(
    itemsOf(field(field(dashboard, 'templating'), 'list'))
      .map((v) => stringAt(v, 'name'))
      .filter((name): name is string => name !== undefined),
  );
  return {
    file,
    root: dashboard,
    panels,
    targets,
    variables,
    declaredSeries: options.declaredSeries ?? null,
    position,
    finding: (check, severity, message, node, index) => {
      const base = node?.offset ?? dashboard.offset;
      const at = position(
        node?.kind === 'string' && index !== undefined ? offsetInString(text, node, index) : base,
      );
      return { check, severity, message, file, line: at.line, column: at.column };
    },
  };
}
