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

  it('refuses a time interval location the AlertmanagerConfig would silently drop', async () => {
    const berlin = baseCatalog.replace(
      'times: [{ start: "08:00", end: "16:00" }], location: UTC',
      'times: [{ start: "09:00", end: "17:00" }], location: Europe/Berlin',
    );
    expect(berlin).not.toBe(baseCatalog);
    const { code, err, dir } = await runGen(berlin);
    expect(code).toBe(1);
    expect(err).toContain(
      'catalog.yaml:7:93: error: time interval "business-hours" (used by team ml) has location Europe/Berlin, which an AlertmanagerConfig cannot express',
    );
    expect(err).toContain('give the times in UTC and drop location (or set location: UTC)');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  }, 60_000);
});
