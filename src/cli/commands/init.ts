// `obsgen init [DIR]`: scaffolds a platform repository (see ../init-templates.ts). It never overwrites:
// files that exist are listed and nothing is written. An existing package.json (say, from `npm init -y`)
// is kept and gets the scripts and the dependency; a script of the same name with another command is a
// conflict, except npm's placeholder `test`.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { files, packageJson, scripts } from '../init-templates.ts';
import { type CliIO, type Command, ExitCode } from '../io.ts';
import { version } from '../version.ts';

const usageText = 'usage: obsgen init [DIR]\n';
const npmPlaceholderTest = /^echo "Error: no test specified" && exit 1$/;

interface Manifest {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** The existing package.json with init's scripts and dependency added, or the scripts in the way. */
export function mergedManifest(
  text: string,
  obsgenVersion: string,
): { text: string } | { conflicts: string[] } {
  const manifest = JSON.parse(text) as Manifest;
  const current = manifest.scripts ?? {};
  const conflicts = Object.entries(scripts)
    .filter(([name, command]) => {
      const existing = current[name];
      return (
        existing !== undefined &&
        existing !== command &&
        !(name === 'test' && npmPlaceholderTest.test(existing))
      );
    })
    .map(([name]) => `package.json: scripts.${name} (${JSON.stringify(current[name])})`);
  if (conflicts.length > 0) return { conflicts };
  manifest.scripts = { ...current, ...scripts };
  if (!manifest.dependencies?.obsgen && !manifest.devDependencies?.obsgen)
    manifest.dependencies = { ...manifest.dependencies, obsgen: `^${obsgenVersion}` };
  return { text: `${JSON.stringify(manifest, null, 2)}\n` };
}

export const init: Command = async (args: readonly string[], io: CliIO): Promise<number> => {
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    io.stderr.write(usageText);
    return ExitCode.usage;
  }
  const dir = path.resolve(io.cwd, args[0] ?? '.');
  const relative = path.relative(io.cwd, dir);
  const shown = relative === '' ? '.' : relative.startsWith('..') ? dir : relative;
  const existing = Object.keys(files).filter((name) => existsSync(path.join(dir, name)));
  const manifestPath = path.join(dir, 'package.json');
  let manifest: string;
  if (existsSync(manifestPath)) {
    let merged: { text: string } | { conflicts: string[] };
    try {
      merged = mergedManifest(readFileSync(manifestPath, 'utf8'), version());
    } catch (error) {
      io.stderr.write(`${path.join(shown, 'package.json')}:1:1: error: not JSON: ${String(error)}\n`);
      return ExitCode.failure;
    }
    if ('conflicts' in merged) existing.push(...merged.conflicts);
    manifest = 'text' in merged ? merged.text : '';
  } else {
    manifest = packageJson(
      path
        .basename(dir)
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-') || 'monitoring',
      version(),
    );
  }
  if (existing.length > 0) {
    io.stderr.write(
      `obsgen init: ${shown} already has these; nothing written (move them away, or init another folder):\n${existing
        .map((name) => `  ${name}`)
        .join('\n')}\n`,
    );
    return ExitCode.failure;
  }
  for (const [name, content] of [...Object.entries(files), ['package.json', manifest] as const]) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  const cd = shown === '.' ? '' : `cd ${shown} && `;
  io.stdout.write(
    `obsgen init: wrote ${Object.keys(files).length + 1} files in ${shown}\nnext: ${cd}npm install && npm run gen && npm test\n`,
  );
  return ExitCode.success;
};
