// The structural diff behind `obsgen test --diff`, laid out as promtool 2.50's --diff
// (nsf/jsondiff's console format: four-space indents, sorted keys, `expected => got`).
import { describe, expect, it } from 'vitest';
import { type Json, jsonDiff } from '../../src/unittest/json-diff.ts';

const rows: { name: string; expected: Json; got: Json; same: boolean; text: string }[] = [
  { name: 'equal scalars', expected: 1, got: 1, same: true, text: '1' },
  { name: 'a changed scalar', expected: 'a', got: 'b', same: false, text: '(changed) "a" => "b"' },
  {
    name: 'a changed value of another type',
    expected: 1,
    got: 'NaN',
    same: false,
    text: '(changed) 1 => "NaN"',
  },
  { name: 'empty arrays', expected: [], got: [], same: true, text: '[]' },
  {
    name: 'keys sorted, a key only expected and a key only got',
    expected: { z: '1', a: '2' },
    got: { b: '3', z: '1' },
    same: false,
    text: '{\n    (removed) "a": "2",\n    (added) "b": "3",\n    "z": "1"\n}',
  },
  {
    name: 'an element only got, printed whole',
    expected: [{ a: '1' }],
    got: [{ a: '1' }, { a: '2', b: '3' }],
    same: false,
    text: '[\n    {\n        "a": "1"\n    },\n    (added) {\n        "a": "2",\n        "b": "3"\n    }\n]',
  },
  {
    name: 'nested change keeps the rest as context',
    expected: [{ Labels: { job: 'web', alertname: 'X' }, Annotations: {} }],
    got: [{ Labels: { job: 'db', alertname: 'X' }, Annotations: {} }],
    same: false,
    text: '[\n    {\n        "Annotations": {},\n        "Labels": {\n            "alertname": "X",\n            "job": (changed) "web" => "db"\n        }\n    }\n]',
  },
];

describe('jsonDiff', () => {
  for (const row of rows)
    it(row.name, () => {
      const diff = jsonDiff(row.expected, row.got, false);
      expect(diff.text).toBe(row.text);
      expect(diff.same).toBe(row.same);
    });

  it('marks with jsondiff console colours on a terminal', () => {
    expect(jsonDiff({ a: 'x' }, { a: 'y' }, true).text).toBe(
      '{\n    "a": \u001b[0;33m"x" => "y"\u001b[0m\n}',
    );
    expect(jsonDiff([], [1], true).text).toBe('[\n    \u001b[0;32m1\u001b[0m\n]');
    expect(jsonDiff([1], [], true).text).toBe('[\n    \u001b[0;31m1\u001b[0m\n]');
  });
});
