// Command dispatch; the only place (with bin/obsgen.js) that decides exit codes.
import { type CliIO, type Command, ExitCode } from './io.ts';
import { version } from './version.ts';

export { processIO } from './io.ts';

/** Each command lives in its own module, loaded only when used so `obsgen test` does not pay for gen. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  gen: {
    summary: 'generate generated/ from the catalog',
    load: async () => (await import('./commands/gen.ts')).gen,
  },
  lint: {
    summary: 'lint rule files and dashboard JSON',
    load: async () => (await import('./commands/lint.ts')).lint,
  },
  test: {
    summary: 'run promtool-format rule unit tests',
    load: async () => (await import('./commands/test.ts')).test,
  },
  routes: {
    summary: 'test Alertmanager routing',
    load: async () => (await import('./commands/routes.ts')).routes,
  },
  openslo: {
    summary: 'import/export SLOs as OpenSLO v1',
    load: async () => (await import('./commands/openslo.ts')).openslo,
  },
  init: {
    summary: 'scaffold a platform repository (catalog, examples, CI, Argo CD)',
    load: async () => (await import('./commands/init.ts')).init,
  },
  import: {
    summary: 'import Sloth, Pyrra, Backstage or rule files as catalog entries',
    load: async () => (await import('./commands/import.ts')).importCommand,
  },
  preview: {
    summary: 'render dashboards as a static HTML page',
    load: async () => (await import('./commands/preview.ts')).preview,
  },
};

/** The command names, for bin/compiled.js: one code cache per command keeps each cache small. */
export const commandNames: readonly string[] = Object.keys(commands);

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`);
  return `usage: obsgen <command> [options]   (obsgen --version prints the version)\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? ExitCode.usage : ExitCode.success;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`${version()}\n`);
    return ExitCode.success;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`obsgen: unknown command '${name}'\n${usage()}`);
    return ExitCode.usage;
  }
  return (await command.load())(rest, io);
}
