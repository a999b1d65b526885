// Parser for Go text/template as Prometheus uses it in alert labels and annotations.
// Errors are data with an offset into the template text; lint maps them back into YAML.
import type { BranchNode, Command, Node, Operand, Pipeline, Template } from './ast.ts';

export interface TemplateError {
  readonly message: string;
  /** 0-based offset into the template text. */
  readonly offset: number;
}

export type ParseTemplateResult =
  | { readonly ok: true; readonly template: Template }
  | { readonly ok: false; readonly errors: readonly TemplateError[] };

class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type TokenKind =
  | 'space'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'string'
  | 'number'
  | 'identifier'
  | 'field'
  | 'variable';

interface Token {
  readonly kind: TokenKind;
  readonly offset: number;
  /** Identifier/field/variable name (field without the dot), string value, or number text. */
  readonly text: string;
}

/** One `{{ ... }}` or a run of text between them. */
type Piece =
  | { readonly kind: 'text'; readonly offset: number; readonly text: string }
  | { readonly kind: 'action'; readonly offset: number; readonly tokens: readonly Token[] };

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c) || c > '\u007f';
const isIdentChar = (c: string): boolean => /[A-Za-z0-9_]/.test(c) || c > '\u007f';

/** Splits the text into text runs and actions, applying trim markers and dropping comments. */
function splitPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let pos = 0;
  let trimNextText = false;
  while (pos <= text.length) {
    const open = text.indexOf('{{', pos);
    let chunk = open === -1 ? text.slice(pos) : text.slice(pos, open);
    if (trimNextText) chunk = chunk.replace(/^[ \t\r\n]+/, '');
    let inner = open + 2;
    const trimLeft = open !== -1 && text[inner] === '-' && isSpace(text[inner + 1] ?? '');
    if (trimLeft) {
      chunk = chunk.replace(/[ \t\r\n]+$/, '');
      inner += 2;
    }
    if (chunk.length > 0) pieces.push({ kind: 'text', offset: pos, text: chunk });
    if (open === -1) break;
    const { tokens, end, trimRight } = lexAction(text, inner, open);
    if (tokens !== null) pieces.push({ kind: 'action', offset: open, tokens });
    trimNextText = trimRight;
    pos = end;
  }
  return pieces;
}

/** Lexes one action from `start` (just after `{{` or `{{- `); returns tokens (null for a comment) and the end offset. */
function lexAction(
  text: string,
  start: number,
  open: number,
): { tokens: Token[] | null; end: number; trimRight: boolean } {
  let i = start;
  // Comments: {{/* ... */}} with optional trim markers.
  while (i < text.length && isSpace(text[i] ?? '') && text.startsWith('/*', i + 1)) i++;
  if (text.startsWith('/*', i)) {
    const close = text.indexOf('*/', i + 2);
    if (close === -1) throw new TemplateSyntaxError('unclosed comment', i);
    let j = close + 2;
    let trimRight = false;
    if (text.startsWith(' -}}', j)) {
      trimRight = true;
      j += 4;
    } else if (text.startsWith('}}', j)) j += 2;
    else throw new TemplateSyntaxError('comment ends before closing delimiter', close);
    return { tokens: null, end: j, trimRight };
  }
  const tokens: Token[] = [];
  let depth = 0;
  for (;;) {
    if (i >= text.length) throw new TemplateSyntaxError('unclosed action', open);
    const c = text[i] ?? '';
    if (isSpace(c)) {
      const s = i;
      while (i < text.length && isSpace(text[i] ?? '')) i++;
      if (text.startsWith('-}}', i) && depth === 0) return { tokens, end: i + 3, trimRight: true };
      tokens.push({ kind: 'space', offset: s, text: ' ' });
      continue;
    }
    if (text.startsWith('}}', i)) {
      if (depth > 0) throw new TemplateSyntaxError('unclosed left paren', i);
      return { tokens, end: i + 2, trimRight: false };
    }
    if (c === '|') tokens.push({ kind: 'pipe', offset: i++, text: c });
    else if (c === '(') {
      depth++;
      tokens.push({ kind: 'lparen', offset: i++, text: c });
    } else if (c === ')') {
      depth--;
      if (depth < 0) throw new TemplateSyntaxError('unexpected right paren', i);
      tokens.push({ kind: 'rparen', offset: i++, text: c });
    } else if (c === ',') tokens.push({ kind: 'comma', offset: i++, text: c });
    else if (c === ':' && text[i + 1] === '=') {
      tokens.push({ kind: 'declare', offset: i, text: ':=' });
      i += 2;
    } else if (c === '=') tokens.push({ kind: 'assign', offset: i++, text: c });
    else if (c === '"') {
      const { value, end } = lexQuoted(text, i);
      tokens.push({ kind: 'string', offset: i, text: value });
      i = end;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close === -1) throw new TemplateSyntaxError('unterminated raw quoted string', i);
      tokens.push({ kind: 'string', offset: i, text: text.slice(i + 1, close) });
      i = close + 1;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) throw new TemplateSyntaxError('unterminated character constant', i);
      const ch = text.slice(i + 1, close);
      tokens.push({ kind: 'number', offset: i, text: String(ch.codePointAt(0) ?? 0) });
      i = close + 1;
    } else if (
      /[0-9]/.test(c) ||
      ((c === '-' || c === '+' || c === '.') && /[0-9]/.test(text[i + 1] ?? ''))
    ) {
      const m = /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(
        text.slice(i),
      );
      const lit = m?.[0] ?? '';
      if (lit === '' || isIdentChar(text[i + lit.length] ?? ''))
        throw new TemplateSyntaxError(`bad number syntax: "${text.slice(i, i + lit.length + 1)}"`, i);
      tokens.push({ kind: 'number', offset: i, text: lit });
      i += lit.length;
    } else if (c === '.' || c === '$') {
      const s = i;
      i++;
      let name = '';
      while (i < text.length && isIdentChar(text[i] ?? '')) name += text[i++];
      if (c === '.' && name === '' && isIdentChar(text[i] ?? ''))
        throw new TemplateSyntaxError('bad field', s);
      tokens.push({ kind: c === '.' ? 'field' : 'variable', offset: s, text: c === '$' ? `$${name}` : name });
    } else if (isIdentStart(c)) {
      const s = i;
      while (i < text.length && isIdentChar(text[i] ?? '')) i++;
      tokens.push({ kind: 'identifier', offset: s, text: text.slice(s, i) });
    } else {
      throw new TemplateSyntaxError(`unexpected "${c}" in command`, i);
    }
  }
}

const simpleEscapes: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  a: '\u0007',
  b: '\b',
  f: '\f',
  v: '\v',
};

/** A Go interpreted string literal starting at `start` (the opening quote). */
function lexQuoted(text: string, start: number): { value: string; end: number } {
  let i = start + 1;
  let value = '';
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '"') return { value, end: i + 1 };
    if (c === '\n') break;
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const e = text[i + 1] ?? '';
    const simple = simpleEscapes[e];
    if (simple !== undefined) {
      value += simple;
      i += 2;
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = text.slice(i + 2, i + 2 + hexLen);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLen)
        throw new TemplateSyntaxError('invalid syntax', i);
      value += String.fromCodePoint(Number.parseInt(hex, 16));
      i += 2 + hexLen;
      continue;
    }
    if (/[0-7]/.test(e)) {
      value += String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 4), 8));
      i += 4;
      continue;
    }
    throw new TemplateSyntaxError('invalid syntax', i);
  }
  throw new TemplateSyntaxError('unterminated quoted string', start);
}

/** Turns the flat pieces into a tree of nodes. */
class TreeBuilder {
  private index = 0;
  readonly defines = new Map<string, readonly Node[]>();

  constructor(private readonly pieces: readonly Piece[]) {}

  /** Parses nodes until an `end`/`else` action (returned) or the end of input (null). */
  list(): { nodes: Node[]; stop: { word: string; offset: number; rest: Token[] } | null } {
    const nodes: Node[] = [];
    while (this.index < this.pieces.length) {
      const piece = this.pieces[this.index++];
      if (piece === undefined) break;
      if (piece.kind === 'text') {
        nodes.push({ type: 'text', offset: piece.offset, text: piece.text });
        continue;
      }
      const tokens = piece.tokens.filter((t, i) => t.kind !== 'space' || i > 0);
      const first = firstNonSpace(tokens);
      if (first === undefined) throw new TemplateSyntaxError('missing value for command', piece.offset);
      const rest = tokens.slice(tokens.indexOf(first) + 1);
      if (first.kind === 'identifier') {
        switch (first.text) {
          case 'end':
          case 'else':
            return { nodes, stop: { word: first.text, offset: piece.offset, rest } };
          case 'if':
          case 'range':
          case 'with':
            nodes.push(this.branch(first.text, piece.offset, rest));
            continue;
          case 'define':
          case 'block':
            nodes.push(...this.define(first.text, piece.offset, rest));
            continue;
          case 'template':
            nodes.push(this.templateCall(piece.offset, rest));
            continue;
          case 'break':
          case 'continue':
            nodes.push({ type: first.text, offset: piece.offset });
            continue;
        }
      }
      nodes.push({ type: 'action', offset: piece.offset, pipe: parsePipeline(tokens, piece.offset, true) });
    }
    return { nodes, stop: null };
  }

  private branch(word: 'if' | 'range' | 'with', offset: number, rest: Token[]): Node {
    const pipe = parsePipeline(rest, offset, word !== 'if' || true);
    if (pipe.commands.length === 0) throw new TemplateSyntaxError(`missing value for ${word}`, offset);
    const body = this.list();
    let elseBody: Node[] | null = null;
    let stop = body.stop;
    if (stop === null)
      throw new TemplateSyntaxError(`unexpected EOF: missing {{end}} for {{${word}}}`, offset);
    if (stop.word === 'else') {
      const chained = firstNonSpace(stop.rest);
      if (
        chained !== undefined &&
        chained.kind === 'identifier' &&
        (chained.text === 'if' || chained.text === 'with')
      ) {
        // `{{else if ...}}` is an if nested in the else branch that shares our {{end}}.
        const inner = this.branch(chained.text, stop.offset, stop.rest.slice(stop.rest.indexOf(chained) + 1));
        elseBody = [inner];
        return this.makeBranch(word, offset, pipe, body.nodes, elseBody);
      }
      if (chained !== undefined) throw new TemplateSyntaxError('unexpected token in else', chained.offset);
      const elsePart = this.list();
      stop = elsePart.stop;
      elseBody = elsePart.nodes;
      if (stop === null || stop.word !== 'end')
        throw new TemplateSyntaxError(`unexpected EOF: missing {{end}} for {{${word}}}`, offset);
    }
    if (firstNonSpace(stop.rest) !== undefined)
      throw new TemplateSyntaxError('unexpected token in end', stop.offset);
    return this.makeBranch(word, offset, pipe, body.nodes, elseBody);
  }

  private makeBranch(
    word: 'if' | 'range' | 'with',
    offset: number,
    pipe: Pipeline,
    body: readonly Node[],
    elseBody: readonly Node[] | null,
  ): Node {
    const branch: BranchNode = { offset, pipe, body, elseBody };
    return { type: word, ...branch };
  }

  private define(word: string, offset: number, rest: Token[]): Node[] {
    const nameToken = firstNonSpace(rest);
    if (nameToken === undefined || nameToken.kind !== 'string')
      throw new TemplateSyntaxError(`unexpected token in ${word} clause`, offset);
    const body = this.list();
    if (body.stop === null || body.stop.word !== 'end')
      throw new TemplateSyntaxError(`unexpected EOF: missing {{end}} for {{${word}}}`, offset);
    this.defines.set(nameToken.text, body.nodes);
    if (word === 'block') {
      const pipeTokens = rest.slice(rest.indexOf(nameToken) + 1);
      const pipe = firstNonSpace(pipeTokens) === undefined ? null : parsePipeline(pipeTokens, offset, false);
      return [{ type: 'template', offset, name: nameToken.text, pipe }];
    }
    return [];
  }

  private templateCall(offset: number, rest: Token[]): Node {
    const nameToken = firstNonSpace(rest);
    if (nameToken === undefined || nameToken.kind !== 'string')
      throw new TemplateSyntaxError('unexpected token in template clause', offset);
    const pipeTokens = rest.slice(rest.indexOf(nameToken) + 1);
    const pipe = firstNonSpace(pipeTokens) === undefined ? null : parsePipeline(pipeTokens, offset, false);
    return { type: 'template', offset, name: nameToken.text, pipe };
  }
}

function firstNonSpace(tokens: readonly Token[]): Token | undefined {
  return tokens.find((t) => t.kind !== 'space');
}

/** Parses `[$x :=] cmd | cmd ...` from the tokens of one action. */
function parsePipeline(tokens: readonly Token[], offset: number, allowDecl: boolean): Pipeline {
  const toks = tokens.filter((t) => t.kind !== 'space' || true);
  let pos = 0;
  const skipSpace = (): void => {
    while (toks[pos]?.kind === 'space') pos++;
  };
  skipSpace();
  const decl: string[] = [];
  let assign = false;
  // Lookahead for `$a :=`, `$a =`, `$a, $b :=`.
  if (allowDecl && toks[pos]?.kind === 'variable') {
    const save = pos;
    const names: string[] = [];
    for (;;) {
      const v = toks[pos];
      if (v?.kind !== 'variable') break;
      names.push(v.text);
      pos++;
      skipSpace();
      if (toks[pos]?.kind === 'comma') {
        pos++;
        skipSpace();
        continue;
      }
      break;
    }
    const op = toks[pos];
    if (op !== undefined && (op.kind === 'declare' || op.kind === 'assign') && names.length > 0) {
      decl.push(...names);
      assign = op.kind === 'assign';
      pos++;
    } else pos = save;
  }
  const commands: Command[] = [];
  let current: Operand[] = [];
  let commandOffset = toks[pos]?.offset ?? offset;
  const finishCommand = (at: number): void => {
    if (current.length === 0) throw new TemplateSyntaxError('missing command', at);
    commands.push({ offset: commandOffset, args: current });
    current = [];
  };
  while (pos < toks.length) {
    const t = toks[pos];
    if (t === undefined) break;
    if (t.kind === 'space') {
      pos++;
      continue;
    }
    if (t.kind === 'pipe') {
      finishCommand(t.offset);
      pos++;
      skipSpace();
      commandOffset = toks[pos]?.offset ?? t.offset;
      continue;
    }
    const { operand, next } = parseOperand(toks, pos);
    // Operands must be separated by spaces: `.a.b` is one operand, `.a(` is not allowed.
    const after = toks[next];
    if (after !== undefined && after.kind !== 'space' && after.kind !== 'pipe' && after.kind !== 'rparen')
      throw new TemplateSyntaxError(`unexpected "${after.text}" in operand`, after.offset);
    current.push(operand);
    pos = next;
  }
  if (current.length > 0 || commands.length > 0) finishCommand(toks[toks.length - 1]?.offset ?? offset);
  if (decl.length > 0 && commands.length === 0)
    throw new TemplateSyntaxError('missing value for command', offset);
  return { offset, decl, assign, commands };
}

function parseOperand(toks: readonly Token[], start: number): { operand: Operand; next: number } {
  let pos = start;
  const t = toks[pos];
  if (t === undefined) throw new TemplateSyntaxError('missing value', 0);
  pos++;
  let operand: Operand;
  switch (t.kind) {
    case 'string':
      operand = { type: 'string', offset: t.offset, value: t.text };
      break;
    case 'number': {
      const clean = t.text.replaceAll('_', '');
      const isInt = /^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|\d+)$/.test(clean);
      const sign = clean.startsWith('-') ? -1 : 1;
      const unsigned = clean.replace(/^[+-]/, '');
      const value = isInt
        ? sign *
          Number(/^0\d/.test(unsigned) ? Number.parseInt(unsigned, 8) : unsigned.replace(/^0[oO]/, '0o'))
        : Number(clean);
      operand = { type: 'number', offset: t.offset, text: t.text, isInt, value };
      break;
    }
    case 'field': {
      const path = t.text === '' ? [] : [t.text];
      while (toks[pos]?.kind === 'field' && toks[pos]?.text !== '') path.push(toks[pos++]?.text ?? '');
      operand = { type: 'field', offset: t.offset, path };
      break;
    }
    case 'variable': {
      const path: string[] = [];
      while (toks[pos]?.kind === 'field' && toks[pos]?.text !== '') path.push(toks[pos++]?.text ?? '');
      operand = { type: 'variable', offset: t.offset, name: t.text, path };
      break;
    }
    case 'identifier':
      if (t.text === 'true' || t.text === 'false')
        operand = { type: 'bool', offset: t.offset, value: t.text === 'true' };
      else if (t.text === 'nil') operand = { type: 'nil', offset: t.offset };
      else if (['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block'].includes(t.text))
        throw new TemplateSyntaxError(`unexpected <${t.text}> in command`, t.offset);
      else operand = { type: 'identifier', offset: t.offset, name: t.text };
      break;
    case 'lparen': {
      let depth = 1;
      let end = pos;
      while (end < toks.length && depth > 0) {
        const k = toks[end]?.kind;
        if (k === 'lparen') depth++;
        if (k === 'rparen') depth--;
        end++;
      }
      if (depth !== 0) throw new TemplateSyntaxError('unclosed left paren', t.offset);
      const pipe = parsePipeline(toks.slice(pos, end - 1), t.offset, true);
      if (pipe.commands.length === 0)
        throw new TemplateSyntaxError('missing value for parenthesized pipeline', t.offset);
      pos = end;
      const path: string[] = [];
      while (toks[pos]?.kind === 'field' && toks[pos]?.text !== '') path.push(toks[pos++]?.text ?? '');
      operand = { type: 'pipe', offset: t.offset, pipe, path };
      break;
    }
    default:
      throw new TemplateSyntaxError(`unexpected "${t.text}" in operand`, t.offset);
  }
  return { operand, next: pos };
}

export interface ParseTemplateOptions {
  /** Function names a call may use; Go's parser rejects others. null: do not check. */
  readonly functions?: ReadonlySet<string> | null;
  /** Variables defined before the text (Prometheus prepends `$labels`, `$value`...). */
  readonly variables?: readonly string[];
}

/** Go's parse-time name checks: variables must be declared in scope, functions must exist. */
function checkNames(nodes: readonly Node[], vars: string[], functions: ReadonlySet<string> | null): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'action':
        checkPipe(node.pipe, vars, functions);
        break;
      case 'if':
      case 'with':
      case 'range': {
        const mark = vars.length;
        checkPipe(node.pipe, vars, functions);
        checkNames(node.body, vars, functions);
        if (node.elseBody) checkNames(node.elseBody, vars, functions);
        vars.length = mark;
        break;
      }
      case 'template':
        if (node.pipe) checkPipe(node.pipe, vars, functions);
        break;
      default:
        break;
    }
  }
}

// Top-level functions rather than closures inside checkNames: this runs for every alert template lint reads.
function checkPipe(pipe: Pipeline, vars: string[], functions: ReadonlySet<string> | null): void {
  // Go adds declared variables as soon as it reads the declaration.
  if (pipe.assign) {
    for (const d of pipe.decl)
      if (!vars.includes(d)) throw new TemplateSyntaxError(`undefined variable "${d}"`, pipe.offset);
  } else vars.push(...pipe.decl);
  for (const cmd of pipe.commands) for (const op of cmd.args) checkOperand(op, vars, functions);
}

function checkOperand(op: Operand, vars: string[], functions: ReadonlySet<string> | null): void {
  if (op.type === 'variable' && !vars.includes(op.name))
    throw new TemplateSyntaxError(`undefined variable "${op.name}"`, op.offset);
  if (op.type === 'identifier' && functions !== null && !functions.has(op.name))
    throw new TemplateSyntaxError(`function "${op.name}" not defined`, op.offset);
  if (op.type === 'pipe') {
    const mark = vars.length;
    checkPipe(op.pipe, vars, functions);
    vars.length = mark;
  }
}

/** Parses a Go text/template; never throws. */
export function parseTemplate(text: string, options: ParseTemplateOptions = {}): ParseTemplateResult {
  try {
    const builder = new TreeBuilder(splitPieces(text));
    const { nodes, stop } = builder.list();
    if (stop !== null) throw new TemplateSyntaxError(`unexpected {{${stop.word}}}`, stop.offset);
    const functions = options.functions === undefined ? null : options.functions;
    checkNames(nodes, ['$', ...(options.variables ?? [])], functions);
    for (const body of builder.defines.values()) checkNames(body, ['$'], functions);
    return { ok: true, template: { root: nodes, defines: builder.defines } };
  } catch (e) {
    if (e instanceof TemplateSyntaxError)
      return { ok: false, errors: [{ message: e.message, offset: e.offset }] };
    throw e;
  }
}
