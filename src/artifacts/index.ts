// Every artifact generator that returns files, in the order gen runs them; the rules generator, which
// returns rule groups for the check stage, is run by src/pipeline. Each lives in its own folder.

import { dashboardsGenerator } from './dashboards/index.ts';
import { monitorsGenerator } from './monitors/index.ts';
import { routesGenerator } from './routes/index.ts';
import { watchdogGenerator } from './rules/watchdog.ts';
import { schemaGenerator } from './schema/index.ts';
import { testsGenerator } from './tests/index.ts';
import type { Generator } from './types.ts';

export const generators: readonly Generator[] = [
  schemaGenerator,
  watchdogGenerator,
  testsGenerator,
  dashboardsGenerator,
  monitorsGenerator,
  routesGenerator,
];
