// What an alert template reads: which labels (`$labels.x`, `.Labels.x`, `index $labels "x"`) and how it
// prints `$value` (as a percentage, followed by a `%` sign), with offsets into the template text.
import type { Node, Operand, Pipeline, Template } from '../template/ast.ts';

export interface LabelRef {
  readonly name: string;
  readonly offset: number;
}

export interface ValuePrint {
  readonly offset: number;
  /** Formatted with humanizePercentage (multiplies by 100 and adds `%`). */
  readonly asPercentage: boolean;
  /** Printed raw and immediately followed by a `%` sign (or through a printf with `%%`). */
  readonly followedByPercent: boolean;
  /** Passed through any function (humanize, printf, ...): not Go's full-precision float. */
  readonly formatted: boolean;
  /** The text right after it starts with a word or sign, read as its unit (`s`, `req/s`, `%`, `errors`). */
  readonly unitFollows: boolean;
}

/** After at most one space, something that is not the end of a sentence or a bracket. */
const unitAhead = /^ ?[^\s.,;:!?()\]}'"]/;

// Loops that add to one list, not lists joined by spreads and callbacks: every alert template of a
// gen run is read here.

/** Operands of a pipeline's commands, each followed by those of its parenthesised sub-pipeline. */
function operandsOf(pipe: Pipeline, found: Operand[] = []): Operand[] {
  for (const command of pipe.commands) {
    for (const arg of command.args) {
      found.push(arg);
      if (arg.type === 'pipe') operandsOf(arg.pipe, found);
    }
  }
  return found;
}

/** Commands of a pipeline, including those of parenthesised sub-pipelines. */
function commandsOf(
  pipe: Pipeline,
  found: Pipeline['commands'][number][] = [],
): Pipeline['commands'][number][] {
  for (const command of pipe.commands) {
    found.push(command);
    for (const arg of command.args) if (arg.type === 'pipe') commandsOf(arg.pipe, found);
  }
  return found;
}

/** Pipelines of the nodes in order: a branch's own, then its body's, then its else body's. */
function pipelinesOf(nodes: readonly Node[], found: Pipeline[]): void {
  for (const node of nodes) {
    if (node.type === 'action') found.push(node.pipe);
    else if (node.type === 'if' || node.type === 'range' || node.type === 'with') {
      found.push(node.pipe);
      pipelinesOf(node.body, found);
      if (node.elseBody) pipelinesOf(node.elseBody, found);
    } else if (node.type === 'template' && node.pipe) found.push(node.pipe);
  }
}

function allPipelines(template: Template): Pipeline[] {
  const found: Pipeline[] = [];
  pipelinesOf(template.root, found);
  for (const body of template.defines.values()) pipelinesOf(body, found);
  return found;
}

/** How many templates' answers are kept: more than an alert of obsgen has templates. */
const recentSlots = 8;

/**
 * The answers of a pure function for the last templates asked about. Several checks read the same
 * refs and prints of a rule's few templates, one rule after another (lint drops the templates after a
 * rule's checks): a few slots answer nearly every ask and hold no more than that many templates,
 * unlike a weak map entry for every template of a run, which the collector then has to clear.
 */
class RecentAnswers<V> {
  readonly #templates: Template[] = [];
  readonly #answers: V[] = [];
  #next = 0;

  constructor(private readonly compute: (template: Template) => V) {}

  of(template: Template): V {
    for (let i = 0; i < this.#templates.length; i++) {
      const answer = this.#answers[i];
      if (this.#templates[i] === template && answer !== undefined) return answer;
    }
    const answer = this.compute(template);
    this.#templates[this.#next] = template;
    this.#answers[this.#next] = answer;
    this.#next = (this.#next + 1) % recentSlots;
    return answer;
  }
}

const recentLabelRefs = new RecentAnswers<readonly LabelRef[]>(findLabelRefs);

export function labelRefs(template: Template): readonly LabelRef[] {
  return recentLabelRefs.of(template);
}

function findLabelRefs(template: Template): LabelRef[] {
  const refs: LabelRef[] = [];
  for (const pipe of allPipelines(template))
    for (const command of commandsOf(pipe)) commandLabelRefs(command.args, refs);
  return refs;
}

function commandLabelRefs(args: readonly Operand[], refs: LabelRef[]): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === undefined) continue;
    const name = labelOfOperand(arg);
    if (name !== null) refs.push({ name, offset: arg.offset });
    // index $labels "name"
    const next = args[i + 1];
    const key = args[i + 2];
    if (
      arg.type === 'identifier' &&
      arg.name === 'index' &&
      next &&
      isLabelsMap(next) &&
      key?.type === 'string'
    ) {
      refs.push({ name: key.value, offset: key.offset });
    }
  }
}

function labelOfOperand(arg: Operand): string | null {
  if (arg.type === 'variable' && arg.name === '$labels' && arg.path.length > 0) return arg.path[0] ?? null;
  if (arg.type === 'field' && arg.path[0] === 'Labels' && arg.path.length > 1) return arg.path[1] ?? null;
  return null;
}

function isLabelsMap(arg: Operand): boolean {
  return (
    (arg.type === 'variable' && arg.name === '$labels' && arg.path.length === 0) ||
    (arg.type === 'field' && arg.path.length === 1 && arg.path[0] === 'Labels')
  );
}

/** The first operand that reads `$value` (or `.Value`). */
function valueOperand(operands: readonly Operand[]): Operand | null {
  for (const operand of operands) {
    if (operand.type === 'variable' && operand.name === '$value') return operand;
    if (operand.type === 'field' && operand.path[0] === 'Value') return operand;
  }
  return null;
}

const percentFunctions = new Set(['humanizePercentage']);
/** Functions whose output is not the raw number any more, so a following `%` says nothing about units. */
const reformatting = new Set(['humanize', 'humanize1024', 'humanizeDuration', 'humanizeTimestamp', 'toTime']);

const recentValuePrints = new RecentAnswers<readonly ValuePrint[]>((template) => {
  const found: ValuePrint[] = [];
  scanPrints(template.root, found);
  return found;
});

/** Every place the template prints `$value`, walking text in order so a following `%` is seen. */
export function valuePrints(template: Template): readonly ValuePrint[] {
  return recentValuePrints.of(template);
}

function scanPrints(nodes: readonly Node[], prints: ValuePrint[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node === undefined) continue;
    if (node.type === 'if' || node.type === 'range' || node.type === 'with') {
      scanPrints(node.body, prints);
      if (node.elseBody) scanPrints(node.elseBody, prints);
      continue;
    }
    if (node.type !== 'action' || node.pipe.decl.length > 0) continue;
    const operands = operandsOf(node.pipe);
    const value = valueOperand(operands);
    if (!value) continue;
    let functions = 0;
    let asPercentage = false;
    let reformatted = false;
    let printfPercent = false;
    for (const operand of operands) {
      if (operand.type === 'identifier') {
        functions++;
        if (percentFunctions.has(operand.name)) asPercentage = true;
        if (reformatting.has(operand.name)) reformatted = true;
      } else if (operand.type === 'string' && operand.value.includes('%%')) printfPercent = true;
    }
    const next = nodes[i + 1];
    const textFollows = next?.type === 'text' && /^\s?%/.test(next.text);
    const raw = !asPercentage && !reformatted;
    prints.push({
      offset: value.offset,
      asPercentage,
      followedByPercent: raw && (textFollows || printfPercent),
      formatted: functions > 0,
      unitFollows: next?.type === 'text' && unitAhead.test(next.text),
    });
  }
}
