// promtool is the oracle: every generated rule file, and the groups of every generated
// PrometheusRule, must pass `promtool check rules`.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runPipeline } from '../../src/pipeline/run.ts';
import { tool } from '../support/tools.ts';

const promtool = tool('promtool');
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

async function checkRules(files: readonly string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(promtool.path ?? 'promtool', ['check', 'rules', ...files]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe.skipIf(!promtool.path)('promtool check rules on the generated output', () => {
  it('accepts every plain rule file and every PrometheusRule', async () => {
    const result = await runPipeline(path.join(root, 'catalog.yaml'), 'catalog.yaml');
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const dir = await mkdtemp(path.join(tmpdir(), 'obsgen-promtool-'));
    const paths: string[] = [];
    for (const file of result.files) {
      const target = path.join(dir, file.path.replaceAll('/', '__'));
      if (file.path.startsWith('prometheus/rule-files/')) {
        await writeFile(target, file.content);
        paths.push(target);
      }
      if (file.path.startsWith('prometheus/rules/')) {
        for (const doc of parseAllDocuments(file.content)) {
          const object = doc.toJS() as { kind?: string; spec?: { groups?: unknown } };
          expect(object.kind).toBe('PrometheusRule');
          await writeFile(`${target}.groups.yaml`, JSON.stringify({ groups: object.spec?.groups ?? [] }));
          paths.push(`${target}.groups.yaml`);
        }
      }
    }
    expect(paths.length).toBeGreaterThanOrEqual(10);
    const { code, output } = await checkRules(paths);
    expect(output).not.toContain('FAILED');
    expect(code, output).toBe(0);
  });
});
