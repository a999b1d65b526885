// settings.evaluationInterval: the interval of every generated group that sets none; SLO groups keep
// their own (1m for the window math, 1h for the hourly means); unset, groups follow Prometheus's global.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, parse as parseYaml } from 'yaml';
import { runCli, tempProject } from '../support/project.ts';

const root = path.resolve(import.meta.dirname, '../..');

function catalogWithInterval(interval: string | null): string {
  const document = parseDocument(readFileSync(path.join(root, 'catalog.yaml'), 'utf8'));
  if (interval === null) document.deleteIn(['settings', 'evaluationInterval']);
  else document.setIn(['settings', 'evaluationInterval'], interval);
  return document.toString();
}

async function groupIntervals(interval: string | null): Promise<Record<string, string | undefined>> {
  const dir = await tempProject({ 'catalog.yaml': catalogWithInterval(interval) });
  const result = await runCli(['gen'], dir);
  expect(result.code, result.stderr).toBe(0);
  const file = path.join(dir, 'generated/prometheus/rule-files/cloudviz.rules.yaml');
  const doc = parseYaml(readFileSync(file, 'utf8')) as { groups: { name: string; interval?: string }[] };
  return Object.fromEntries(doc.groups.map((g) => [g.name, g.interval]));
}

describe('settings.evaluationInterval', () => {
  it.each([
    ['30s', '30s'],
    [null, undefined],
  ] as const)('evaluationInterval %s gives default groups interval %s', async (setting, expected) => {
    const intervals = await groupIntervals(setting);
    expect(intervals['obsgen-cloudviz-recording']).toBe(expected);
    expect(intervals['obsgen-cloudviz-alerts']).toBe(expected);
    expect(intervals['obsgen-slo-cloudviz-availability']).toBe('1m');
    expect(intervals['obsgen-slo-cloudviz-availability-hourly']).toBe('1h');
  });
});
