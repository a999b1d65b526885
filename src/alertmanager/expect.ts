// The TypeScript routing assertion: expectRoute(config, labels).toReach(['platform-pager', 'platform-chat']).
import { type AlertmanagerTree, readAlertmanagerConfig } from './config.ts';
import type { LabelSet } from './matchers.ts';
import { resolveReceivers } from './route.ts';

export interface RouteExpectation {
  /** The receivers, in order, exactly as `amtool config routes test` prints them. */
  readonly receivers: readonly string[];
  /** Throws (a test failure) unless the alert reaches exactly these receivers, in this order. */
  toReach(expected: readonly string[]): void;
}

/** `config` is the text of a plain Alertmanager config or an already read tree. */
export function expectRoute(config: string | AlertmanagerTree, labels: LabelSet): RouteExpectation {
  const tree = typeof config === 'string' ? readTree(config) : config;
  const receivers = resolveReceivers(tree.route, labels);
  return {
    receivers,
    toReach(expected) {
      if (receivers.join(',') !== expected.join(',')) {
        throw new Error(
          `alert ${JSON.stringify(labels)} reaches [${receivers.join(', ')}], expected [${expected.join(', ')}]`,
        );
      }
    },
  };
}

function readTree(text: string): AlertmanagerTree {
  const read = readAlertmanagerConfig(text);
  if (!read.ok) throw new Error(`invalid Alertmanager config: ${read.error}`);
  return read.value;
}
