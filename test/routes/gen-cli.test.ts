// End to end through `obsgen gen`: good routing input writes the Alertmanager files; bad routing
// input is reported at its catalog line and leaves the output folder untouched.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gen } from '../../src/cli/commands/gen.ts';
import { baseCatalog } from './fixture.ts';

async function runGen(catalog: string): Promise<{ code: number; err: string; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-gen-routes-'));
  writeFileSync(path.join(dir, 'catalog.yaml'), catalog);
  let err = '';
  const code = await gen(['--out', 'out'], {
    cwd: dir,
    stdout: { write: () => true },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, err, dir };
}

describe('obsgen gen with routing', () => {
  it('writes the plain config, the team CRDs and the monitors', async () => {
    const { code, err, dir } = await runGen(baseCatalog);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(path.join(dir, 'out/alertmanager')).sort()).toEqual([
      'alertmanager.yaml',
      'ml.yaml',
      'platform.yaml',
      'routing-table.yaml',
    ]);
    expect(readdirSync(path.join(dir, 'out/prometheus/monitors')).sort()).toEqual([
      'cloudviz.yaml',
      'healthcare-ai.yaml',
    ]);
  }, 60_000);

  it('reports every bad route at its catalog line and writes nothing', async () => {
    const bad = baseCatalog
      .replace('warning: [chat]\n      info: [low]', 'warning: [chatt]\n      info: [low]')
      .replace(`'severity="info"'`, `'severity=~"("'`);
    const { code, err, dir } = await runGen(bad);
    expect(code).toBe(1);
    expect(err).toContain(
      'catalog.yaml:17:17: error: teams.platform.routing.warning.0: team "platform" has no receiver "chatt"',
    );
    expect(err).toContain(
      'catalog.yaml:29:24: error: teams.ml.routing.overrides.1.matchers.0: not an Alertmanager matcher',
    );
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  }, 60_000);
});
