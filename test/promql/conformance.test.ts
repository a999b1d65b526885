// The whole parser corpus (Prometheus 2.42's parser test expressions, verdicts from promtool 2.42):
// our verdict must match promtool's on every case, and where promtool names a position, ours agrees.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/promql/index.ts';
import { corpus } from '../support/tools.ts';

interface Case {
  readonly expr: string;
  readonly valid: boolean;
  readonly promtool_error: string | null;
}

const promql = corpus('promql');

function loadCases(dir: string): Case[] {
  return readFileSync(path.join(dir, 'parser-cases.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Case);
}

/** `could not parse expression: 1:5: parse error: message` -> position and message. */
function promtoolError(text: string | null): { line: number; column: number; message: string } | null {
  const match = /(\d+):(\d+): parse error: (.*)$/s.exec(text ?? '');
  if (match === null) return null;
  return { line: Number(match[1]), column: Number(match[2]), message: match[3] ?? '' };
}

describe.skipIf(!promql.path)('PromQL parser conformance with promtool 2.42', () => {
  const cases = promql.path ? loadCases(promql.path) : [];

  it('agrees with promtool on every verdict', () => {
    const disagreements = cases
      .map((c) => ({ c, result: parse(c.expr) }))
      .filter(({ c, result }) => result.ok !== c.valid)
      .map(
        ({ c, result }) =>
          `${JSON.stringify(c.expr.slice(0, 80))}: promtool ${c.valid}, ours ${result.ok ? 'ok' : JSON.stringify(result.errors[0]?.message)}`,
      );
    expect(disagreements).toEqual([]);
    expect(cases.length).toBe(268);
  });

  it('reports the first error at the position and with the message promtool gives', () => {
    const differences: string[] = [];
    for (const c of cases) {
      const expected = promtoolError(c.promtool_error);
      const result = parse(c.expr);
      if (expected === null || result.ok) continue;
      const first = result.errors[0];
      const ours = first && { line: first.line, column: first.column, message: first.message };
      // The corpus keeps at most 400 characters of promtool's output.
      const sameMessage =
        ours?.message === expected.message ||
        (c.promtool_error !== null &&
          c.promtool_error.length >= 400 &&
          ours?.message.startsWith(expected.message));
      if (ours?.line !== expected.line || ours.column !== expected.column || !sameMessage) {
        differences.push(
          `${JSON.stringify(c.expr.slice(0, 60))}\n  promtool ${JSON.stringify(expected).slice(0, 200)}\n  ours     ${JSON.stringify(ours).slice(0, 200)}`,
        );
      }
    }
    expect(differences).toEqual([]);
  });
});
