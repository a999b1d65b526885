// Every artifact generator, in the order gen runs them. Each lives in its own folder.

import { dashboardsGenerator } from './dashboards/index.ts';
import { monitorsGenerator } from './monitors/index.ts';
import { routesGenerator } from './routes/index.ts';
import { rulesGenerator } from './rules/index.ts';
import { watchdogGenerator } from './rules/watchdog.ts';
import { schemaGenerator } from './schema/index.ts';
import { slosGenerator } from './slos/index.ts';
import { testsGenerator } from './tests/index.ts';
import type { Generator } from './types.ts';

export const generators: readonly Generator[] = [
  schemaGenerator,
  // Before rules: it loads slos/*.ts, whose rule groups the rules generator then collects.
  slosGenerator,
  rulesGenerator,
  watchdogGenerator,
  testsGenerator,
  dashboardsGenerator,
  monitorsGenerator,
  routesGenerator,
];
