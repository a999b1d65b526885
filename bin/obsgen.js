#!/usr/bin/env node
// Entry point: registers tsx so the TypeScript sources (and users' alerts/, slos/, dashboards/) load at run time.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
