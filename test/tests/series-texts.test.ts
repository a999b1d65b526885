// seriesTexts prints the labels of series that differ in one label once for all of them; each text
// must be the one seriesText writes for that series alone. seriesText writes a plain metric's labels
// itself; it must write what the canonical PromQL printer writes for the selector.
import { describe, expect, it } from 'vitest';
import { eq, selectorText } from '../../src/artifacts/slos/promql.ts';
import { seriesText, seriesTexts } from '../../src/artifacts/tests/series.ts';

const metrics = ['up', 'http_requests_total', 'a:b:c', 'bool', 'on', 'my.metric', 'métrique', '0abc', ''];

const labelSets: readonly Record<string, string>[] = [
  {},
  { service: 'shop', team: 'web' },
  { a: 'x', z: 'y', instance: 'shop-0', 'dotted.name': 'v', Upper: 'q' },
  { quote: 'say "hi"', back: 'a\\b', line: 'one\ntwo', utf: 'naïve' },
  { le: 'overwritten', job: 'j' },
  { __name__: 'other', job: 'j' },
];

const variations: readonly (readonly [string, readonly string[]])[] = [
  ['instance', ['shop-0', 'shop-1', 'x"y']],
  ['le', ['0.05', '0.1', '+Inf']],
  ['a', ['', 'first']],
  ['zz', ['last']],
  ['odd.label', ['v']],
];

describe('seriesTexts', () => {
  for (const metric of metrics)
    it(`writes what seriesText writes for "${metric}"`, () => {
      for (const labels of labelSets)
        for (const [varying, values] of variations)
          expect(seriesTexts(metric, labels, varying, values)).toEqual(
            values.map((value) => seriesText(metric, { ...labels, [varying]: value })),
          );
    });
});

describe('seriesText', () => {
  it('writes what the PromQL printer writes for the selector of its sorted labels', () => {
    for (const metric of metrics)
      for (const labels of labelSets) {
        const names = Object.keys(labels).sort();
        const printed = selectorText(
          metric,
          names.map((name) => eq(name, labels[name] ?? '')),
        );
        expect(seriesText(metric, labels), `${metric} ${JSON.stringify(labels)}`).toBe(printed);
      }
  });
});
