// What the detection, recovery and fast-burn cases search for in the simulation: the burn rate and
// the minutes to assert. The search reads an SLO's shape alone (simulate.ts sloShape, its tiers'
// windows, factors and `for`, the target's ranges), never its names, so the services of one
// template share it; a run keeps one search a shape.
import type { Memo } from '../shapes.ts';
import type { AgreedSimulation } from './simulate.ts';

/** A burn that fires a tier after a healthy start: the minute it fires and the windows firing then. */
export interface DetectionPlan {
  readonly healthy: number;
  readonly burn: number;
  readonly fires: number;
  readonly firing: readonly number[];
}

/** A burn that stops: its length, the minute the tier resolves and the windows firing the minute before. */
export interface RecoveryPlan {
  readonly burn: number;
  readonly burning: number;
  readonly resolved: number;
  readonly firing: readonly number[];
}

/** The first minute every tier fires under a steady fast burn, and the simulation that says so. */
export interface FastBurnPlan {
  readonly evalAt: number;
  readonly probe: AgreedSimulation;
}

/** One run's searches, by a key naming every shape input they read; null: the search found none. */
export interface SloPlans {
  readonly detections: Memo<string, DetectionPlan | null>;
  readonly recoveries: Memo<string, RecoveryPlan | null>;
  readonly fastBurns: Memo<string, FastBurnPlan | null>;
}
