// Cold process start of the installed binary (compiled dist/, as `npm install obsgen` runs it; a
// checkout's bin/obsgen.js runs src/ through tsx instead, so OBSGEN_DIST=1): `--version`, `lint` on one
// 20-rule file, `test` on one small file (target < 300 ms each), and `test` on the promqltest corpus in
// one invocation against `promtool test rules` on the same files (target >= 5x). Median of alternated
// runs, so a drift of the shared machine hits both sides alike.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/obsgen.js');
const corpusDir = path.resolve(root, '../shared/corpora/promqltest');

function wallMs(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  spawnSync(command, args, { cwd, env, stdio: 'ignore' });
  return performance.now() - start;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The first 20 rules of a generated rule file, as one lint input. */
function twentyRuleFile(): string {
  const source = parse(
    readFileSync(path.join(root, 'generated/prometheus/rule-files/cloudviz.rules.yaml'), 'utf8'),
  ) as {
    groups: { name: string; rules: unknown[] }[];
  };
  let left = 20;
  const groups = source.groups
    .map((g) => {
      const rules = g.rules.slice(0, left);
      left -= rules.length;
      return { ...g, rules };
    })
    .filter((g) => g.rules.length > 0);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'obsgen-startup-')), 'twenty.rules.yaml');
  writeFileSync(file, stringify({ groups }));
  return file;
}

function corpusFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.yml'))
    .sort()
    .map((name) => path.join(dir, name));
}

export async function run(): Promise<string> {
  const lines = ['## Cold start (`obsgen` as a whole process, compiled dist/)', ''];
  if (!existsSync(path.join(root, 'dist/obsgen.cjs'))) {
    return [...lines, 'dist/ is missing: run `npm run build` first.'].join('\n');
  }
  const env = { ...process.env, OBSGEN_DIST: '1' };
  const runs = 11;
  const cases: [string, string[]][] = [
    ['obsgen --version', ['--version']],
    ['obsgen lint (one 20-rule file)', ['lint', twentyRuleFile()]],
    ['obsgen test (one small file)', ['test', path.join(root, 'test/unittest/fixtures/alerts-for.yml')]],
  ];
  lines.push(
    `Median of ${runs} runs (1 warm-up).`,
    '',
    '| command | wall | target |',
    '| --- | ---: | ---: |',
  );
  for (const [name, args] of cases) {
    wallMs(process.execPath, [bin, ...args], root, env);
    const times = Array.from({ length: runs }, () => wallMs(process.execPath, [bin, ...args], root, env));
    lines.push(`| ${name} | ${median(times).toFixed(0)} ms | < 300 ms |`);
  }

  if (!existsSync(corpusDir)) return [...lines, '', `${corpusDir} is absent: no corpus figure.`].join('\n');
  const promtool = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).stdout.trim();
  const files = corpusFiles(corpusDir);
  lines.push(
    '',
    `\`obsgen test\` and \`promtool test rules\` on the ${files.length} corpus files, one invocation each:`,
    '',
  );
  const pairs = 3;
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < pairs; i++) {
    ours.push(wallMs(process.execPath, [bin, 'test', ...files], corpusDir, env));
    if (promtool) theirs.push(wallMs(promtool, ['test', 'rules', ...files], corpusDir, env));
  }
  lines.push('| runner | wall (median of 3, alternated) |', '| --- | ---: |');
  lines.push(`| obsgen test | ${median(ours).toFixed(0)} ms |`);
  if (promtool) {
    const ratios = ours.map((ms, i) => (theirs[i] ?? Number.NaN) / ms);
    lines.push(
      `| promtool test rules | ${median(theirs).toFixed(0)} ms |`,
      '',
      `promtool / obsgen: ${median(ratios).toFixed(2)}x (median of the pairs; target >= 5x).`,
    );
  } else lines.push('', 'promtool not found (Debian package `prometheus`): no ratio.');
  return lines.join('\n');
}
