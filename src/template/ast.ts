// The tree of a Go text/template, as Prometheus parses alert annotations and labels.
// Offsets are 0-based UTF-16 positions in the template text, so lint can point at the exact spot.

export type Node = TextNode | ActionNode | IfNode | RangeNode | WithNode | TemplateNode | LoopControlNode;

export interface TextNode {
  readonly type: 'text';
  readonly offset: number;
  readonly text: string;
}

export interface ActionNode {
  readonly type: 'action';
  readonly offset: number;
  readonly pipe: Pipeline;
}

/** if / with / range share the shape: a pipeline, a body, an optional else body. */
export interface BranchNode {
  readonly offset: number;
  readonly pipe: Pipeline;
  readonly body: readonly Node[];
  readonly elseBody: readonly Node[] | null;
}
export interface IfNode extends BranchNode {
  readonly type: 'if';
}
export interface RangeNode extends BranchNode {
  readonly type: 'range';
}
export interface WithNode extends BranchNode {
  readonly type: 'with';
}

export interface TemplateNode {
  readonly type: 'template';
  readonly offset: number;
  readonly name: string;
  readonly pipe: Pipeline | null;
}

export interface LoopControlNode {
  readonly type: 'break' | 'continue';
  readonly offset: number;
}

export interface Pipeline {
  readonly offset: number;
  /** `$x :=` (declare) or `$x =` (assign); two names for `range $i, $v :=`. */
  readonly decl: readonly string[];
  readonly assign: boolean;
  readonly commands: readonly Command[];
}

export interface Command {
  readonly offset: number;
  readonly args: readonly Operand[];
}

export type Operand =
  | { readonly type: 'field'; readonly offset: number; readonly path: readonly string[] } // .A.B (path [] is `.`)
  | {
      readonly type: 'variable';
      readonly offset: number;
      readonly name: string;
      readonly path: readonly string[];
    } // $x.A
  | { readonly type: 'identifier'; readonly offset: number; readonly name: string } // function name
  | { readonly type: 'string'; readonly offset: number; readonly value: string }
  | {
      readonly type: 'number';
      readonly offset: number;
      readonly text: string;
      readonly isInt: boolean;
      readonly value: number;
    }
  | { readonly type: 'bool'; readonly offset: number; readonly value: boolean }
  | { readonly type: 'nil'; readonly offset: number }
  | {
      readonly type: 'pipe';
      readonly offset: number;
      readonly pipe: Pipeline;
      readonly path: readonly string[];
    };

export interface Template {
  readonly root: readonly Node[];
  /** `{{define "name"}}` blocks. */
  readonly defines: ReadonlyMap<string, readonly Node[]>;
}
