// Runs amtool 0.25 on a generated plain config, for tests that check a field is accepted as emitted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tool } from '../support/tools.ts';

export const amtool = tool('amtool');

/** amtool's output on `check-config` of this config text; throws with its stderr when it refuses it. */
export function amtoolCheckConfig(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-am-'));
  const file = path.join(dir, 'alertmanager.yaml');
  writeFileSync(file, text);
  try {
    return execFileSync(amtool.path ?? 'amtool', ['check-config', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new Error(`amtool check-config failed: ${String(stderr ?? error)}`);
  }
}
