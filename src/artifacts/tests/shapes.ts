// What a generated test computes from a service's shape alone (buckets, thresholds, `for`, rate
// window, traffic phases), never from its names: the services of one template share it. The tests
// generator makes one cache a run and passes it down, so nothing outlives the run.
import { ValueOnlyExpansions } from '../../template/value-only.ts';
import type { CasePlan } from './cases/plan.ts';
import type { Curve } from './cases/scenario.ts';
import { LabelGuesses, PrintedLabels } from './series.ts';
import type { ExpectedSample } from './test-case.ts';

/** Values by a key that names every input they are computed from. */
export class Memo<K, T> {
  private readonly known = new Map<K, T>();

  get(key: K, make: () => T): T {
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const made = make();
    this.known.set(key, made);
    return made;
  }
}

/** An expression test every service of a shape has, its text cut where the service's selector goes. */
export interface ExprTestFrame {
  readonly before: string;
  readonly after: string;
  readonly evalTime: string;
  readonly samples: readonly ExpectedSample[];
}

export interface ShapeCache {
  /** Scenarios' curves, by family and every number their values and notations read. */
  readonly curves: Memo<string, Curve>;
  /** A family's cases, by family and every number and name its cases read but the service's. */
  readonly plans: Memo<string, readonly CasePlan[]>;
  /** Expression tests by family and every number their texts read. */
  readonly exprFrames: Memo<string, ExprTestFrame>;
  /** The series' labels as their texts print them. */
  readonly printedLabels: PrintedLabels;
  /** Label values that satisfy the catalog's matchers, by matchers. */
  readonly guesses: LabelGuesses;
  /** The firing alerts' annotations, whose actions read the condition's value alone. */
  readonly expansions: ValueOnlyExpansions;
}

export function shapeCache(): ShapeCache {
  return {
    curves: new Memo<string, Curve>(),
    plans: new Memo<string, readonly CasePlan[]>(),
    exprFrames: new Memo<string, ExprTestFrame>(),
    printedLabels: new PrintedLabels(),
    guesses: new LabelGuesses(),
    expansions: new ValueOnlyExpansions(),
  };
}
