// A scenario file for one demo service: phases of load played in order, the last one held.
//
//   phases:
//     - { for: 30s, rate: 5, errorRatio: 0, latencyMs: 20 }
//     - { for: 1m, errorRatio: 1, say: "every request fails" }
//     - { for: 1m, rate: 20, errorRatio: 0 }
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { durationMs } from '../../src/promql/duration.ts';
import { type LoadChange, loadSchema } from './load.ts';

const phaseSchema = loadSchema.extend({
  for: z.string().refine((text) => durationMs(text) !== null, 'a duration such as 30s or 2m'),
  say: z.string().optional(),
});

export const scenarioSchema = z.strictObject({ phases: z.array(phaseSchema).min(1) });

export interface Phase {
  readonly forMs: number;
  readonly load: LoadChange;
  readonly say: string | null;
}

export async function loadScenario(file: string): Promise<Phase[]> {
  const parsed = scenarioSchema.safeParse(parseYaml(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`${file}: ${issues.join('; ')}`);
  }
  return parsed.data.phases.map(({ for: forText, say, ...load }) => ({
    forMs: durationMs(forText) ?? 0,
    load,
    say: say ?? null,
  }));
}

/** Applies each phase's load in turn; returns a function that stops the playback. */
export function playScenario(
  phases: readonly Phase[],
  apply: (load: LoadChange) => void,
  log: (line: string) => void,
): () => void {
  let timer: NodeJS.Timeout | null = null;
  const play = (index: number): void => {
    const phase = phases[index];
    if (!phase) return;
    apply(phase.load);
    log(
      `phase ${index + 1}/${phases.length}${phase.say ? `: ${phase.say}` : ''} ${JSON.stringify(phase.load)}`,
    );
    if (index + 1 < phases.length) timer = setTimeout(() => play(index + 1), phase.forMs);
  };
  play(0);
  return () => {
    if (timer) clearTimeout(timer);
  };
}
