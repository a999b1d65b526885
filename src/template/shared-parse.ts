// Parses of many alert texts that differ only outside their actions: generated summaries and
// descriptions repeat the same `{{ ... }}` parts around each service's name. The part from the first
// `{{` to the last `}}` (the core) is parsed once per position; the text before and after it is a
// text node of its own. Wherever that split could read differently, the whole text is parsed.
import type { Node, Template } from './ast.ts';
import { type ParseTemplateOptions, type ParseTemplateResult, parseTemplate } from './parse.ts';

/** Where a text's actions start and end, when the text around them parses as plain text. */
export interface Split {
  readonly start: number;
  readonly end: number;
}

/**
 * The core of `text`: it starts at the first `{{` and ends with the last `}}`, and no `{{` follows it.
 * A trim marker at either end would reach into the text around it: then no split.
 */
export function splitCore(text: string): Split | null {
  const start = text.indexOf('{{');
  if (start < 0) return null;
  const last = text.lastIndexOf('}}');
  if (last < start + 2) return null;
  const end = last + 2;
  if (text.indexOf('{{', end) >= 0) return null;
  if (text.charCodeAt(start + 2) === 0x2d /* - */ || text.charCodeAt(last - 1) === 0x2d) return null;
  return { start, end };
}

/**
 * The core parsed as if `start` characters of plain text came before it (so its offsets are those in
 * the whole text), without that text's node. null when the core does not end with an action: its last
 * `}}` is then plain text, which joins the text after it into one node.
 */
function parseCore(core: string, start: number, options: ParseTemplateOptions): Template | null {
  const parsed = parseTemplate(' '.repeat(start) + core, options);
  if (!parsed.ok) return null;
  const root = start > 0 ? parsed.template.root.slice(1) : parsed.template.root;
  if (root.at(-1)?.type === 'text') return null;
  return { root, defines: parsed.template.defines };
}

/** One run's template parses with fixed options, shared by texts with the same core at the same offset. */
export class TemplateParses {
  /**
   * By offset, then core (no key joined from the two for every text); null: the core alone does not
   * parse the way it does in a text.
   */
  readonly #cores = new Map<number, Map<string, Template | null>>();
  /** Texts without a usable core, by text. */
  readonly #texts = new Map<string, ParseTemplateResult>();

  constructor(private readonly options: ParseTemplateOptions) {}

  /** parseTemplate(text, options), reusing the parse of an earlier text's core. */
  parse(text: string): ParseTemplateResult {
    const split = splitCore(text);
    const core = split === null ? null : this.#core(text, split);
    if (split === null || core === null) return this.#whole(text);
    const root: Node[] = [];
    if (split.start > 0) root.push({ type: 'text', offset: 0, text: text.slice(0, split.start) });
    for (const node of core.root) root.push(node);
    if (split.end < text.length) root.push({ type: 'text', offset: split.end, text: text.slice(split.end) });
    return { ok: true, template: { root, defines: core.defines } };
  }

  #core(text: string, { start, end }: Split): Template | null {
    const core = text.slice(start, end);
    let atStart = this.#cores.get(start);
    if (atStart === undefined) {
      atStart = new Map();
      this.#cores.set(start, atStart);
    }
    let parsed = atStart.get(core);
    if (parsed === undefined) {
      parsed = parseCore(core, start, this.options);
      atStart.set(core, parsed);
    }
    return parsed;
  }

  #whole(text: string): ParseTemplateResult {
    let parsed = this.#texts.get(text);
    if (parsed === undefined) {
      parsed = parseTemplate(text, this.options);
      this.#texts.set(text, parsed);
    }
    return parsed;
  }
}
