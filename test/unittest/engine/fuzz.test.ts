// Differential fuzzing against the real promtool (see fuzz-cases.ts): bounded to OBSGEN_FUZZ_CASES
// (default 30) cases in CI, all checked in one promtool run; `npm run bench -- engine` runs more.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tool } from '../../support/tools.ts';
import { makeCase, promtoolVerdicts } from './fuzz-cases.ts';

const promtool = tool('promtool');
const CASES = Number(process.env.OBSGEN_FUZZ_CASES ?? 30);

describe.skipIf(!promtool.path)('differential fuzz against promtool test rules', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'obsgen-fuzz-'));
  afterAll(() => {
    if (process.env.OBSGEN_FUZZ_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  });

  it(`agrees with promtool on ${CASES} random cases`, () => {
    const seed0 = Number(process.env.OBSGEN_FUZZ_SEED ?? 1000);
    const cases = Array.from({ length: CASES }, (_, i) => makeCase(dir, seed0 + i));
    const verdicts = promtoolVerdicts(
      promtool.path ?? 'promtool',
      cases.map((c) => c.file),
    );
    const disagreements = cases
      .filter((c) => verdicts.get(c.file) !== c.expectPass)
      .map(
        (c) =>
          `${path.basename(c.file)}: promtool ${verdicts.get(c.file)}, obsgen ${c.expectPass}: ${c.summary}`,
      );
    expect(disagreements, disagreements.join('\n')).toEqual([]);
    // The grammar must exercise passing cases, not only errors and NaN.
    expect(cases.filter((c) => c.expectPass).length).toBeGreaterThan(CASES / 3);
  });
});
