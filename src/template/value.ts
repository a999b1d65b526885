// Go values as text/template sees them: the kind matters (float64 vs int in comparisons, %d vs %f).
import { formatFloatV } from './gofloat.ts';

export type GoValue =
  | { readonly kind: 'string'; readonly v: string; readonly html?: boolean }
  | { readonly kind: 'int'; readonly v: number }
  | { readonly kind: 'float'; readonly v: number }
  | { readonly kind: 'bool'; readonly v: boolean }
  /** map[string]string (labels) or map[string]interface{} (args); `elem` decides what a missing key yields. */
  | { readonly kind: 'map'; readonly v: ReadonlyMap<string, GoValue>; readonly elem: 'string' | 'interface' }
  | { readonly kind: 'slice'; readonly v: readonly GoValue[]; readonly typeName: string }
  /** A struct or pointer to one (template data, query samples); `typeName` is what %T/%v would show. */
  | { readonly kind: 'struct'; readonly v: ReadonlyMap<string, GoValue>; readonly typeName: string }
  | { readonly kind: 'nil' };

export const goString = (v: string): GoValue => ({ kind: 'string', v });
export const goFloat = (v: number): GoValue => ({ kind: 'float', v });
export const goInt = (v: number): GoValue => ({ kind: 'int', v });
export const goBool = (v: boolean): GoValue => ({ kind: 'bool', v });
export const goNil: GoValue = { kind: 'nil' };

export function goStringMap(entries: Iterable<readonly [string, string]>): GoValue {
  const m = new Map<string, GoValue>();
  for (const [k, v] of entries) m.set(k, goString(v));
  return { kind: 'map', v: m, elem: 'string' };
}

/** Go's type name, for error messages and %T. */
export function typeName(v: GoValue): string {
  switch (v.kind) {
    case 'string':
      return v.html ? 'template.HTML' : 'string';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'bool':
      return 'bool';
    case 'map':
      return v.elem === 'string' ? 'map[string]string' : 'map[string]interface {}';
    case 'slice':
    case 'struct':
      return v.typeName;
    case 'nil':
      return '<nil>';
  }
}

/** text/template truth: zero values and empty containers are false. */
export function isTrue(v: GoValue): boolean {
  switch (v.kind) {
    case 'string':
      return v.v !== '';
    case 'int':
    case 'float':
      return v.v !== 0;
    case 'bool':
      return v.v;
    case 'map':
      return v.v.size > 0;
    case 'slice':
      return v.v.length > 0;
    case 'struct':
      return true;
    case 'nil':
      return false;
  }
}

function sortedKeys(m: ReadonlyMap<string, GoValue>): string[] {
  return [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** fmt's %v (what `{{ x }}` prints). */
export function formatV(v: GoValue): string {
  switch (v.kind) {
    case 'string':
      return v.v;
    case 'int':
      return String(v.v);
    case 'float':
      return formatFloatV(v.v);
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'map':
      return `map[${sortedKeys(v.v)
        .map((k) => `${k}:${formatV(v.v.get(k) ?? goNil)}`)
        .join(' ')}]`;
    case 'slice':
      return `[${v.v.map(formatV).join(' ')}]`;
    case 'struct':
      return `&{${[...v.v.values()].map(formatV).join(' ')}}`;
    case 'nil':
      return '<nil>';
  }
}

export { sortedKeys };
