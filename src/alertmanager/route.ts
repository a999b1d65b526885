// The Alertmanager 0.25 routing tree (dispatch/route.go): options inherited from the parent, children
// tried in order, `continue` lets matching go on to the next sibling, and a route whose children all
// miss is itself the match.
import { type LabelSet, type Matcher, matchesAll } from './matchers.ts';

/** How long a route's groups wait before, between and again after notifying. */
export interface RouteTimings {
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
}

/** Named time intervals that mute a route; Alertmanager does not pass them down the tree. */
export interface RouteIntervals {
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
}

/** A route's options as dispatch uses them: every one resolved, inherited from the parent where unset. */
export interface RouteOptions extends RouteTimings, RouteIntervals {
  readonly receiver: string;
  /** Sorted label names; null means `group_by: ['...']` (group by all labels). */
  readonly groupBy: readonly string[] | null;
}

/**
 * A route's options as a config to be written sets them: grouping and timings left null are
 * inherited from the parent route (obsgen never writes `group_by: ['...']`).
 */
export interface RouteSettings extends Unset<RouteTimings>, RouteIntervals {
  readonly groupBy: readonly string[] | null;
}

type Unset<T> = { readonly [K in keyof T]: T[K] | null };

export interface Route {
  readonly options: RouteOptions;
  readonly matchers: readonly Matcher[];
  readonly continue: boolean;
  readonly routes: readonly Route[];
  /** Position in the tree, e.g. `{}/{team="platform"}/0`, for messages. */
  readonly key: string;
}

/** Every route an alert with these labels is dispatched to, in tree order. */
export function matchRoutes(route: Route, labels: LabelSet): Route[] {
  if (!matchesAll(route.matchers, labels)) return [];
  const matched: Route[] = [];
  for (const child of route.routes) {
    const found = matchRoutes(child, labels);
    matched.push(...found);
    if (found.length > 0 && !child.continue) break;
  }
  return matched.length > 0 ? matched : [route];
}

/** The receiver names, in order and with repeats kept, like `amtool config routes test`. */
export function resolveReceivers(route: Route, labels: LabelSet): string[] {
  return matchRoutes(route, labels).map((r) => r.options.receiver);
}
