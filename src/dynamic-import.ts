// import() of a user's module or of a package loaded on first use. A module of its own because the
// compiled package keeps it an ES module beside the bundle (scripts/build.js): the bundle is compiled
// through node:vm for V8's code cache (bin/compiled.js), and code compiled so cannot import().

/** The module's namespace: `importModule(url)` as `import(url)`. */
export function importModule(specifier: string): Promise<unknown> {
  return import(specifier);
}
