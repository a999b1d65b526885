// Expansions of the alert texts of one run that differ only around their actions, where those
// actions read `$value` alone: generated descriptions repeat `{{ $value | humanizePercentage }}`
// around each service's name. The text from the first `{{` to the last `}}` (the core) is expanded
// once per value; the text around it has no action and is written as it is.
import type { Node, Operand, Pipeline } from './ast.ts';
import { type AlertTemplateSetting, expandAlertTemplateFor, parseAlertTemplate } from './index.ts';
import { splitCore } from './shared-parse.ts';

/** Functions whose result depends on their arguments alone. */
const pureFunctions: ReadonlySet<string> = new Set([
  'humanize',
  'humanize1024',
  'humanizeDuration',
  'humanizePercentage',
  'humanizeTimestamp',
  'printf',
]);

function operandReadsValueOnly(operand: Operand): boolean {
  switch (operand.type) {
    case 'variable':
      return operand.name === '$value' && operand.path.length === 0;
    case 'identifier':
      return pureFunctions.has(operand.name);
    case 'string':
    case 'number':
    case 'bool':
      return true;
    case 'pipe':
      return operand.path.length === 0 && pipeReadsValueOnly(operand.pipe);
    default:
      return false;
  }
}

function pipeReadsValueOnly(pipe: Pipeline): boolean {
  return pipe.decl.length === 0 && pipe.commands.every((c) => c.args.every(operandReadsValueOnly));
}

/** Text and actions that read nothing of the data but `$value`, through pure functions. */
function readsValueOnly(nodes: readonly Node[]): boolean {
  return nodes.every((n) => n.type === 'text' || (n.type === 'action' && pipeReadsValueOnly(n.pipe)));
}

/** -0 as a key: a Map takes it for 0, which the templates print apart. */
const negativeZero = '-0';

/** expandAlertTemplateFor for one run's texts, each core that reads `$value` alone expanded once per value. */
export class ValueOnlyExpansions {
  /** By core and value; null: the core reads more than `$value`, or does not expand cleanly alone. */
  readonly #cores = new Map<string, Map<number | typeof negativeZero, string | null>>();

  /** `setting` is asked for only where a text reads more than `$value`. */
  expand(text: string, name: string, setting: () => AlertTemplateSetting, value: number): string {
    const split = splitCore(text);
    if (split === null)
      return text.includes('{{') ? expandAlertTemplateFor(text, name, setting(), value) : text;
    const core = text.slice(split.start, split.end);
    let byValue = this.#cores.get(core);
    if (byValue === undefined) {
      byValue = new Map();
      this.#cores.set(core, byValue);
    }
    const key = Object.is(value, -0) ? negativeZero : value;
    let expanded = byValue.get(key);
    if (expanded === undefined) {
      expanded = coreExpansion(core, name, setting(), value);
      byValue.set(key, expanded);
    }
    if (expanded === null) return expandAlertTemplateFor(text, name, setting(), value);
    return `${text.slice(0, split.start)}${expanded}${text.slice(split.end)}`;
  }
}

/** The core's expansion when it parses, reads `$value` alone and expands without an error; else null. */
function coreExpansion(
  core: string,
  name: string,
  setting: AlertTemplateSetting,
  value: number,
): string | null {
  const parsed = parseAlertTemplate(core);
  if (!parsed.ok || parsed.template.defines.size > 0 || !readsValueOnly(parsed.template.root)) return null;
  const expanded = expandAlertTemplateFor(core, name, setting, value);
  // An error's text names its position in the whole text: the whole text expands it.
  return expanded.startsWith('<error expanding template:') ? null : expanded;
}
