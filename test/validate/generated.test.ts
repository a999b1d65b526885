// obsgen's own output must lint clean: no finding of any severity on generated/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint } from './cli-helpers.ts';

const root = path.resolve(import.meta.dirname, '../..');
const rulesDir = path.join(root, 'generated/prometheus');

describe('lint of generated/', () => {
  it('has rule files to lint', () => {
    expect(existsSync(path.join(rulesDir, 'rule-files'))).toBe(true);
  });

  it('reports nothing on the generated rules and dashboards', async () => {
    const run = await runLint(['--fail-on', 'info', 'generated'], root);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
  });
});
