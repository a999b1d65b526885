// Loading one of the user's modules (alerts/, slos/, dashboards/, catalog.ts). obsgen itself runs as
// JavaScript; only these files are compiled at run time, by tsx. User TypeScript is always an ES
// module (what `import ... from 'obsgen'` means), also in a CommonJS package (npm init's default).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importModule } from './dynamic-import.ts';

export type ModuleFormat = 'module' | 'commonjs';

/** Node's rule: `.mts`/`.mjs` are ESM, `.cts`/`.cjs` CommonJS, others follow the nearest package.json. */
export function moduleFormat(
  file: string,
  readPackageType: (dir: string) => string | null = packageType,
): ModuleFormat {
  if (/\.m[jt]s$/.test(file)) return 'module';
  if (/\.c[jt]s$/.test(file)) return 'commonjs';
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const type = readPackageType(dir);
    if (type !== null) return type === 'module' ? 'module' : 'commonjs';
    if (path.dirname(dir) === dir) return 'commonjs';
  }
}

/** The `type` of `dir/package.json` ('' when it has none), or null when there is no package.json. */
function packageType(dir: string): string | null {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'package.json'), 'utf8');
  } catch {
    return null;
  }
  try {
    const type = (JSON.parse(text) as { type?: unknown }).type;
    return typeof type === 'string' ? type : '';
  } catch {
    return '';
  }
}

const isTypeScript = (file: string): boolean => /\.[mc]?ts$/.test(file);

/** The module's exports, for `.default`; a load failure throws, with a hint when the format is the cause. */
export async function importUserModule(file: string): Promise<Record<string, unknown>> {
  const absolute = path.resolve(file);
  const format = moduleFormat(absolute);
  try {
    if (isTypeScript(absolute)) await prepareTypeScript(format);
    return (await importModule(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    throw withFormatHint(error, absolute, format);
  }
}

/**
 * obsgen running from its own .ts sources (vitest, a development checkout under tsx) already loads
 * TypeScript; the compiled package registers tsx on the first user .ts file, so commands that load
 * none never pay for it.
 */
const runningFromSource = import.meta.url.endsWith('.ts');

/** Each loader change happens once per process, however many files load. */
const once = <T>(task: () => Promise<T>): (() => Promise<T>) => {
  let started: Promise<T> | undefined;
  return () => {
    started ??= task();
    return started;
  };
};

const registerTsx = once(async () => {
  const { register } = (await importModule('tsx/esm/api')) as typeof import('tsx/esm/api');
  register();
});
const forceEsm = once(() => forceEsmForUserTypeScript());

async function prepareTypeScript(format: ModuleFormat): Promise<void> {
  if (!runningFromSource) await registerTsx();
  if (format === 'commonjs') await forceEsm();
}

/**
 * User .ts files load as ES modules even in a CommonJS package: compiled to CommonJS, their
 * `import ... from 'obsgen'` would go through a CommonJS copy of obsgen, whose builders the running
 * one does not recognise. Registered after tsx, so it runs first and rewrites tsx's verdict.
 */
const esmForUserTypeScript = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (!result.url.startsWith('file:') || result.url.includes('/node_modules/')) return result;
  return /.ts$/.test(new URL(result.url).pathname) ? { ...result, format: 'module' } : result;
}`;

async function forceEsmForUserTypeScript(): Promise<void> {
  const { register } = (await importModule('node:module')) as typeof import('node:module');
  register(`data:text/javascript,${encodeURIComponent(esmForUserTypeScript)}`);
}

/** Errors whose cure is the module format name it: Node's own message does not say what to change. */
function withFormatHint(error: unknown, file: string, format: ModuleFormat): unknown {
  if (!(error instanceof Error)) return error;
  const hint = formatHint(
    `${error.message} ${String((error as { code?: unknown }).code ?? '')}`,
    file,
    format,
  );
  if (hint === null) return error;
  const hinted = new Error(`${error.message} (${hint})`);
  hinted.stack = `Error: ${hinted.message}\n${(error.stack ?? '').split('\n').slice(1).join('\n')}`;
  return hinted;
}

export function formatHint(message: string, file: string, format: ModuleFormat): string | null {
  const name = path.basename(file);
  if (isTypeScript(file) && /\b(__dirname|__filename|require|module|exports) is not defined/.test(message))
    return `obsgen loads ${name} as an ES module: use import.meta.dirname, import.meta.filename or import instead`;
  if (
    format === 'commonjs' &&
    /outside a module|import\.meta|top-level await|ERR_REQUIRE_ESM|ERR_REQUIRE_ASYNC_MODULE/i.test(message)
  )
    return `${name} loads as CommonJS because its package.json has no "type": "module": add "type": "module" to package.json, or rename it to .mjs (or write it in TypeScript)`;
  // The README's `import { defineCatalog } from 'obsgen'` resolves only where obsgen is installed.
  if (/Cannot find (package|module) 'obsgen(\/[^']*)?'/.test(message))
    return `${name} imports obsgen, which is not installed beside it: install it there (\`npm install\` the tarball \`npm pack\` writes in an obsgen clone), or drop the import: defineCatalog and its siblings only add types, so \`export default { ... }\` loads the same`;
  return null;
}

/** What a thrown value says, for a Problem about the module that threw it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
