// `obsgen routes test --config FILE [--verify.receivers=a,b] label=value...`: which receivers an alert
// reaches, printed and exiting like `amtool config routes test`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readAlertmanagerConfig } from '../../alertmanager/config.ts';
import { parseMatcher } from '../../alertmanager/matchers.ts';
import { resolveReceivers } from '../../alertmanager/route.ts';
import { type CliIO, type Command, ExitCode } from '../io.ts';

const usageText = 'usage: obsgen routes test --config FILE [--verify.receivers=a,b] label=value...\n';

interface TestArgs {
  readonly config: string;
  readonly verify: string | null;
  readonly labels: readonly string[];
}

function parseTestArgs(args: readonly string[]): TestArgs | string {
  let config: string | null = null;
  let verify: string | null = null;
  const labels: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') ? splitFlag(arg) : [null, null];
    if (flag === '--config' || flag === '--config.file') {
      config = inline ?? args[++i] ?? null;
      if (config === null) return `${flag} needs a file`;
    } else if (flag === '--verify.receivers') {
      verify = inline ?? args[++i] ?? null;
      if (verify === null) return `${flag} needs a list of receivers`;
    } else if (flag !== null) {
      return `unknown flag ${flag}`;
    } else {
      labels.push(arg);
    }
  }
  if (config === null) return 'missing --config FILE';
  return { config, verify, labels };
}

function splitFlag(arg: string): [string, string | null] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, null] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

/** Labels are `name=value` (quotes optional); anything but `=` is refused, as amtool does. */
function parseLabels(args: readonly string[]): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const arg of args) {
    const m = parseMatcher(arg);
    if (!m.ok || m.value.type !== '=')
      return 'Failed to parse labels: labels must be specified as key=value pairs';
    labels[m.value.name] = m.value.value;
  }
  return labels;
}

async function routesTest(args: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseTestArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`obsgen routes: ${parsed}\n${usageText}`);
    return ExitCode.usage;
  }
  const labels = parseLabels(parsed.labels);
  if (typeof labels === 'string') {
    io.stderr.write(`obsgen routes: ${labels}\n`);
    return ExitCode.failure;
  }
  const file = path.resolve(io.cwd, parsed.config);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    io.stderr.write(`obsgen routes: path '${parsed.config}' does not exist\n`);
    return ExitCode.failure;
  }
  const tree = readAlertmanagerConfig(text);
  if (!tree.ok) {
    io.stderr.write(`obsgen routes: ${parsed.config}: ${tree.error}\n`);
    return ExitCode.failure;
  }
  const receivers = resolveReceivers(tree.value.route, labels).join(',');
  io.stdout.write(`${receivers}\n`);
  if (parsed.verify !== null && parsed.verify !== receivers) {
    io.stdout.write('WARNING: Expected receivers did not match resolved receivers.\n');
    return ExitCode.failure;
  }
  return ExitCode.success;
}

export const routes: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === 'test') return routesTest(rest, io);
  io.stderr.write(sub === undefined ? usageText : `obsgen routes: unknown subcommand '${sub}'\n${usageText}`);
  return ExitCode.usage;
};
