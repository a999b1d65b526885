// Test and rule files are read on js-yaml's fast tree and again on the positional `yaml` parse only to
// report a problem: on every fixture and corpus file, reading must give exactly what the positional
// parse alone gives (the same tests, rules, positions and problems), and a clean file never loads `yaml`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { corpus } from '../support/tools.ts';

type Readers = {
  parseTestFile: typeof import('../../src/unittest/testfile.ts').parseTestFile;
  parseRuleFile: typeof import('../../src/rulefile/rulefmt.ts').parseRuleFile;
};

async function readers(): Promise<Readers> {
  vi.resetModules();
  const { parseTestFile } = await import('../../src/unittest/testfile.ts');
  const { parseRuleFile } = await import('../../src/rulefile/rulefmt.ts');
  return { parseTestFile, parseRuleFile };
}

/** The readers with the fast path turned off, so every file goes through the positional parse. */
async function positionalReaders(): Promise<Readers> {
  vi.doMock('../../src/rulefile/fast-yaml.ts', async (original) => ({
    ...(await original<typeof import('../../src/rulefile/fast-yaml.ts')>()),
    fastTrees: () => null,
  }));
  try {
    return await readers();
  } finally {
    vi.doUnmock('../../src/rulefile/fast-yaml.ts');
  }
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

const promqltest = corpus('promqltest');
const files = [
  ...yamlFiles(path.resolve(import.meta.dirname, 'fixtures')),
  ...(promqltest.path ? yamlFiles(promqltest.path) : []),
];

describe('reading test and rule files on the fast tree', () => {
  it('gives what the positional parse gives, problems included', async () => {
    const positional = await positionalReaders();
    const fast = await readers();
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(fast.parseTestFile(text, file), file).toEqual(positional.parseTestFile(text, file));
      expect(fast.parseRuleFile(text, file), file).toEqual(positional.parseRuleFile(text, file));
    }
  });

  it('reads the same text written in other YAML styles alike', async () => {
    const positional = await positionalReaders();
    const fast = await readers();
    const variants = [
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        for: 5m\n        labels: {severity: page}\n',
      "groups:\n- name: 'g'\n  rules:\n  - record: r\n    expr: |\n      sum(\n        up)\n    labels:\n      n: 1\n",
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: >-\n          up\n          == 0\n        annotations:\n          summary:\n',
      'rule_files: []\ntests:\n  - interval: 1m\n    input_series:\n      - series: \'up{job="a"}\'\n        values: 1+0x3\n    promql_expr_test:\n      - expr: up\n        eval_time: 2m\n        exp_samples:\n          - labels: \'up{job="a"}\'\n            value: 1\n',
      'tests:\n  - interval: 1m\n    input_series:\n    alert_rule_test:\n      - eval_time: 1m\n        alertname: A\n        exp_alerts:\n',
    ];
    for (const text of variants) {
      expect(fast.parseTestFile(text, 'x.yml'), text).toEqual(positional.parseTestFile(text, 'x.yml'));
      expect(fast.parseRuleFile(text, 'x.yml'), text).toEqual(positional.parseRuleFile(text, 'x.yml'));
    }
  });

  it('does not load the yaml library for a clean file', async () => {
    const { yamlLibrary } = await import('../../src/rulefile/yaml-tree.ts');
    const spy = vi.fn(yamlLibrary);
    vi.resetModules();
    vi.doMock('../../src/rulefile/yaml-tree.ts', async (original) => ({
      ...(await original<typeof import('../../src/rulefile/yaml-tree.ts')>()),
      yamlLibrary: spy,
    }));
    try {
      const { parseTestFile } = await import('../../src/unittest/testfile.ts');
      const clean = parseTestFile(
        'tests:\n  - interval: 1m\n    input_series:\n      - series: up\n        values: 1x2\n',
        'x.yml',
      );
      expect(clean.ok).toBe(true);
      expect(spy).not.toHaveBeenCalled();
      const broken = parseTestFile('tests:\n  - intervall: 1m\n', 'x.yml');
      expect(broken.ok).toBe(false);
      expect(spy).toHaveBeenCalled();
    } finally {
      vi.doUnmock('../../src/rulefile/yaml-tree.ts');
    }
  });
});
