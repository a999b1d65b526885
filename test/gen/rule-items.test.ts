// Rule files embed each group serialized two spaces deep: the text and the size the PrometheusRule
// split counts must be what indenting the group's depth-0 text gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupToYaml } from '../../src/artifacts/rules/file-shape.ts';
import type { RuleGroup } from '../../src/artifacts/rules/types.ts';
import { indent, serializeGroups } from '../../src/emit/rules.ts';
import { toYaml } from '../../src/emit/yaml.ts';

const atDepth0 = (group: RuleGroup) => toYaml([groupToYaml(group)], { header: false });
const lineBreaks = (text: string) => text.split('\n').length - 1;

describe('serializeGroups', () => {
  const text = fc
    .array(fc.constantFrom('a', 'b: c', ' ', '\n', '\n\n', '"', "'", '\u2028', '\u2029', '\r', '#', '- '), {
      maxLength: 8,
    })
    .map((parts) => parts.join(''));
  const rule = fc.record({
    kind: fc.constant('alert' as const),
    alert: text,
    expr: text,
    forMs: fc.constantFrom(0, 60_000),
    keepFiringForMs: fc.constant(0),
    labels: fc.dictionary(fc.constantFrom('severity', 'team', 'a b'), text, { maxKeys: 2 }),
    annotations: fc.dictionary(fc.constantFrom('summary', 'description'), text, { maxKeys: 2 }),
  });
  const group = fc.record({
    name: text,
    intervalMs: fc.constantFrom(0, 30_000),
    rules: fc.array(rule, { maxLength: 3 }),
  });

  it('writes each group as its depth-0 text indented, and counts its size as before (property)', () => {
    fc.assert(
      fc.property(fc.array(group, { maxLength: 3 }), (groups) => {
        const items = serializeGroups(groups);
        groups.forEach((g, index) => {
          const plain = atDepth0(g);
          expect(items[index]?.text).toBe(indent(plain, '  '));
          expect(items[index]?.crdSize).toBe(plain.length + 4 * lineBreaks(plain));
        });
      }),
      { numRuns: 3000 },
    );
  });
});
