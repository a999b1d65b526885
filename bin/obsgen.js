#!/usr/bin/env node
// Entry point. An installed package runs the compiled dist/ (through bin/compiled.js, for V8's code
// cache); a development checkout (src/ beside it) runs the sources through tsx, so an edit is never
// shadowed by a stale build (OBSGEN_DIST=1 runs dist/ there too). Users' TypeScript (alerts/, slos/,
// dashboards/, catalog.ts) is loaded by src/user-import.ts, in either case.
import { existsSync } from 'node:fs';

const fromSource =
  process.env.OBSGEN_DIST !== '1' && existsSync(new URL('../src/cli/main.ts', import.meta.url));
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
  const { main, processIO } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2), processIO());
} else {
  const { run } = await import('./compiled.js');
  process.exitCode = await run(process.argv.slice(2));
}
