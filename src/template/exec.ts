// Executes a parsed Go text/template. Execution errors are returned as data, like Go's Execute.
import type { Command, Node, Operand, Pipeline, Template } from './ast.ts';
import { goQuote } from './printf.ts';
import { formatV, type GoValue, goNil, isTrue, sortedKeys, typeName } from './value.ts';

export class TemplateExecError extends Error {
  /** Where Go reports the failure: the node being executed and its offset. */
  context: { offset: number; node: string } | null = null;
}

function printOperand(op: Operand): string {
  const path = (p: readonly string[]): string => p.map((f) => `.${f}`).join('');
  switch (op.type) {
    case 'field':
      return op.path.length === 0 ? '.' : path(op.path);
    case 'variable':
      return op.name + path(op.path);
    case 'identifier':
      return op.name;
    case 'string':
      return goQuote(op.value);
    case 'number':
      return op.text;
    case 'bool':
      return String(op.value);
    case 'nil':
      return 'nil';
    case 'pipe':
      return `(${printPipeline(op.pipe)})${path(op.path)}`;
  }
}

function printPipeline(p: Pipeline): string {
  const decl = p.decl.length > 0 ? `${p.decl.join(', ')} ${p.assign ? '=' : ':='} ` : '';
  return decl + p.commands.map((c) => c.args.map(printOperand).join(' ')).join(' | ');
}

function withContext(e: TemplateExecError, offset: number, node: string): TemplateExecError {
  if (e.context === null) e.context = { offset, node };
  return e;
}

export type TemplateFunc = (args: readonly GoValue[], ctx: ExecContext) => GoValue;

/** The functions a template calls, by name: a map, or a view over one. */
export interface TemplateFunctions {
  get(name: string): TemplateFunc | undefined;
}

export interface ExecContext {
  readonly template: Template;
  readonly funcs: TemplateFunctions;
  /** Executes a `{{define}}`d template (for `tmpl`/`template`). */
  readonly runNamed: (name: string, data: GoValue) => string;
}

class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

type Scope = Array<[string, GoValue]>;

function lookupVariable(scope: Scope, name: string): GoValue {
  for (let i = scope.length - 1; i >= 0; i--) {
    const entry = scope[i];
    if (entry !== undefined && entry[0] === name) return entry[1];
  }
  throw new TemplateExecError(`undefined variable: ${name}`);
}

function setVariable(scope: Scope, name: string, value: GoValue): void {
  for (let i = scope.length - 1; i >= 0; i--) {
    const entry = scope[i];
    if (entry !== undefined && entry[0] === name) {
      entry[1] = value;
      return;
    }
  }
  throw new TemplateExecError(`undefined variable: ${name}`);
}

function field(value: GoValue, name: string): GoValue {
  switch (value.kind) {
    case 'struct': {
      const f = value.v.get(name);
      if (f === undefined)
        throw new TemplateExecError(`can't evaluate field ${name} in type ${value.typeName}`);
      return f;
    }
    case 'map':
      return value.v.get(name) ?? (value.elem === 'string' ? { kind: 'string', v: '' } : goNil);
    case 'nil':
      throw new TemplateExecError(`nil pointer evaluating interface {}.${name}`);
    default:
      throw new TemplateExecError(`can't evaluate field ${name} in type ${typeName(value)}`);
  }
}

class Executor {
  out = '';

  constructor(private readonly ctx: ExecContext) {}

  run(nodes: readonly Node[], dot: GoValue, scope: Scope): void {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          this.out += node.text;
          break;
        case 'action': {
          const v = this.pipeline(node.pipe, dot, scope);
          if (node.pipe.decl.length === 0) this.out += v.kind === 'nil' ? '<no value>' : formatV(v);
          break;
        }
        case 'if':
        case 'with': {
          const inner: Scope = [...scope];
          const v = this.pipeline(node.pipe, dot, inner);
          if (isTrue(v)) this.run(node.body, node.type === 'with' ? v : dot, inner);
          else if (node.elseBody) this.run(node.elseBody, dot, inner);
          break;
        }
        case 'range':
          this.range(node.pipe, node.body, node.elseBody, dot, scope);
          break;
        case 'template': {
          const data = node.pipe ? this.pipeline(node.pipe, dot, scope) : goNil;
          this.out += this.ctx.runNamed(node.name, data);
          break;
        }
        case 'break':
        case 'continue':
          throw new LoopSignal(node.type);
      }
    }
  }

  private range(
    pipe: Pipeline,
    body: readonly Node[],
    elseBody: readonly Node[] | null,
    dot: GoValue,
    scope: Scope,
  ): void {
    const valuePipe: Pipeline = { ...pipe, decl: [] };
    const v = this.pipeline(valuePipe, dot, scope);
    let items: Array<[GoValue, GoValue]>;
    if (v.kind === 'slice') items = v.v.map((e, i) => [{ kind: 'int', v: i }, e]);
    else if (v.kind === 'map')
      items = sortedKeys(v.v).map((k) => [{ kind: 'string', v: k }, v.v.get(k) ?? goNil]);
    else if (v.kind === 'nil') items = [];
    else throw new TemplateExecError(`range can't iterate over ${formatV(v)}`);
    if (items.length === 0) {
      if (elseBody) this.run(elseBody, dot, scope);
      return;
    }
    for (const [key, elem] of items) {
      const inner: Scope = [...scope];
      if (pipe.decl.length === 1) inner.push([pipe.decl[0] ?? '', elem]);
      if (pipe.decl.length === 2) inner.push([pipe.decl[0] ?? '', key], [pipe.decl[1] ?? '', elem]);
      try {
        this.run(body, elem, inner);
      } catch (e) {
        if (e instanceof LoopSignal) {
          if (e.kind === 'break') break;
          continue;
        }
        throw e;
      }
    }
  }

  pipeline(pipe: Pipeline, dot: GoValue, scope: Scope): GoValue {
    let value: GoValue | null = null;
    for (const cmd of pipe.commands) value = this.command(cmd, dot, scope, value);
    const result = value ?? goNil;
    if (pipe.decl.length > 0) {
      const name = pipe.decl[0] ?? '';
      if (pipe.assign) setVariable(scope, name, result);
      else scope.push([name, result]);
    }
    return result;
  }

  private command(cmd: Command, dot: GoValue, scope: Scope, piped: GoValue | null): GoValue {
    const [first, ...rest] = cmd.args;
    if (first === undefined) throw new TemplateExecError('empty command');
    if (first.type === 'identifier') {
      try {
        return this.call(first.name, rest, dot, scope, piped);
      } catch (e) {
        if (e instanceof TemplateExecError)
          throw withContext(e, first.offset, cmd.args.map(printOperand).join(' '));
        throw e;
      }
    }
    if (rest.length > 0 || piped !== null) {
      const what = first.type === 'field' ? `.${first.path.join('.')}` : first.type;
      throw new TemplateExecError(`can't give argument to non-function ${what}`);
    }
    try {
      return this.operand(first, dot, scope);
    } catch (e) {
      if (e instanceof TemplateExecError) throw withContext(e, first.offset, printOperand(first));
      throw e;
    }
  }

  private call(
    name: string,
    argOps: readonly Operand[],
    dot: GoValue,
    scope: Scope,
    piped: GoValue | null,
  ): GoValue {
    // and/or short-circuit (Go 1.18+), returning the deciding argument itself.
    if (name === 'and' || name === 'or') {
      const count = argOps.length + (piped === null ? 0 : 1);
      if (count < 1) throw new TemplateExecError(`wrong number of args for ${name}: want at least 1 got 0`);
      let last: GoValue = goNil;
      for (let i = 0; i < count; i++) {
        const op = argOps[i];
        last = op === undefined ? (piped ?? goNil) : this.operand(op, dot, scope);
        if (isTrue(last) === (name === 'or')) return last;
      }
      return last;
    }
    const fn = this.ctx.funcs.get(name);
    if (fn === undefined) throw new TemplateExecError(`function "${name}" not defined`);
    const args = argOps.map((op) => this.operand(op, dot, scope));
    if (piped !== null) args.push(piped);
    try {
      return fn(args, this.ctx);
    } catch (e) {
      if (e instanceof TemplateExecError && e.context === null)
        throw new TemplateExecError(`error calling ${name}: ${e.message}`);
      throw e;
    }
  }

  private operand(op: Operand, dot: GoValue, scope: Scope): GoValue {
    switch (op.type) {
      case 'string':
        return { kind: 'string', v: op.value };
      case 'number':
        return op.isInt ? { kind: 'int', v: op.value } : { kind: 'float', v: op.value };
      case 'bool':
        return { kind: 'bool', v: op.value };
      case 'nil':
        throw new TemplateExecError('nil is not a command');
      case 'field':
        return op.path.reduce(field, dot);
      case 'variable':
        return op.path.reduce(field, lookupVariable(scope, op.name));
      case 'pipe':
        return op.path.reduce(field, this.pipeline(op.pipe, dot, [...scope]));
      case 'identifier':
        return this.call(op.name, [], dot, scope, null);
    }
  }
}

/** One execution's context; a class so that running a template makes no closure for `runNamed`. */
class TemplateRun implements ExecContext {
  constructor(
    readonly template: Template,
    readonly funcs: TemplateFunctions,
  ) {}

  runNamed(name: string, data: GoValue): string {
    const body = this.template.defines.get(name);
    if (body === undefined) throw new TemplateExecError(`no such template "${name}"`);
    const inner = new Executor(this);
    inner.run(body, data, [['$', data]]);
    return inner.out;
  }
}

export type ExecResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: string; readonly context: { offset: number; node: string } | null };

/** Runs `template` with `.` = data and the given top-level variables (`$labels`...). */
export function executeTemplate(
  template: Template,
  data: GoValue,
  variables: Iterable<readonly [string, GoValue]>,
  funcs: TemplateFunctions,
): ExecResult {
  const exec = new Executor(new TemplateRun(template, funcs));
  // Each variable gets its own entry: assignments (`$x = ...`) change the scope, never `variables`.
  const scope: Scope = [['$', data]];
  for (const [name, value] of variables) scope.push([name, value]);
  try {
    exec.run(template.root, data, scope);
    return { ok: true, text: exec.out };
  } catch (e) {
    if (e instanceof TemplateExecError) return { ok: false, error: e.message, context: e.context };
    if (e instanceof LoopSignal)
      return { ok: false, error: `{{${e.kind}}} outside {{range}}`, context: null };
    if (e instanceof RangeError) return { ok: false, error: e.message, context: null };
    throw e;
  }
}
