// The layering of src/ (test/architecture/layers.ts) checked against every import in src/.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { knownViolations, layers } from './layers.ts';

const srcDir = path.resolve(import.meta.dirname, '../../src');

interface Import {
  /** Paths below src/, with `/` separators. */
  readonly from: string;
  readonly to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.[mc]?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const below = (file: string): string => path.relative(srcDir, file).split(path.sep).join('/');

/** Every relative import, re-export and literal `import()` of a file that lands inside src/. */
function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .filter((ref) => ref.fileName.startsWith('.'))
    .map((ref) => path.resolve(path.dirname(file), ref.fileName))
    .filter((target) => !path.relative(srcDir, target).startsWith('..'))
    .map((target) => ({ from: below(file), to: below(target) }));
}

const allImports: readonly Import[] = sourceFiles(srcDir).flatMap(importsOf);
const key = (edge: Import): string => `${edge.from} -> ${edge.to}`;

/** The unit a path belongs to at a depth: 1 = top-level entry of src/, 2 = entry of that folder. */
function unitAt(file: string, depth: number): string {
  return file.split('/').slice(0, depth).join('/');
}

const layerOf = new Map(layers.flatMap((layer, index) => layer.units.map((unit) => [unit, index] as const)));

function isBackward(edge: Import): boolean {
  const from = layerOf.get(unitAt(edge.from, 1));
  const to = layerOf.get(unitAt(edge.to, 1));
  return from !== undefined && to !== undefined && to > from;
}

/** Strongly connected groups of more than one unit (Tarjan), each sorted, for a graph of unit names. */
function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) found.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/**
 * Unit graphs whose loops count: the top-level units of src/, and inside each top-level folder
 * the units one level down (its subfolders and files).
 */
function unitGraphs(edges: readonly Import[]): Map<string, Map<string, Set<string>>> {
  const graphs = new Map<string, Map<string, Set<string>>>();
  const add = (scope: string, from: string, to: string): void => {
    const graph = graphs.get(scope) ?? new Map<string, Set<string>>();
    graphs.set(scope, graph);
    graph.set(from, (graph.get(from) ?? new Set()).add(to));
  };
  for (const edge of edges) {
    const [fromTop, toTop] = [unitAt(edge.from, 1), unitAt(edge.to, 1)];
    if (fromTop !== toTop) add('src', fromTop, toTop);
    else if (edge.from.includes('/')) {
      const [fromUnit, toUnit] = [unitAt(edge.from, 2), unitAt(edge.to, 2)];
      if (fromUnit !== toUnit) add(fromTop, fromUnit, toUnit);
    }
  }
  return graphs;
}

function cyclesOf(edges: readonly Import[]): string[] {
  return [...unitGraphs(edges)].flatMap(([scope, graph]) =>
    cycles(graph).map((group) => `${scope}: ${group.join(' <-> ')}`),
  );
}

const listed = new Set(knownViolations);

describe('layering of src/', () => {
  it('places every top-level folder and file of src/ in exactly one layer', () => {
    const entries = readdirSync(srcDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || /\.[mc]?ts$/.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    const unplaced = entries
      .filter((entry) => !layerOf.has(entry))
      .map(
        (entry) =>
          `src/${entry} is in no layer: add '${entry}' to the units of a layer in test/architecture/layers.ts, ` +
          'above every unit it imports and below every unit that imports it',
      );
    expect(unplaced).toEqual([]);
    const placedTwice = layers
      .flatMap((layer) => layer.units)
      .filter((unit, index, units) => units.indexOf(unit) !== index);
    expect(placedTwice).toEqual([]);
    const gone = [...layerOf.keys()].filter((unit) => !entries.includes(unit));
    expect(gone, 'layers.ts names units that src/ no longer has: remove them').toEqual([]);
  });

  it('has no import from a lower layer to a higher one', () => {
    const unlisted = allImports
      .filter(isBackward)
      .map(key)
      .filter((edge) => !listed.has(edge));
    expect(
      [...new Set(unlisted)].sort(),
      'imports against the direction catalog -> model -> artifacts -> validate -> emit (see test/architecture/layers.ts)',
    ).toEqual([]);
  });

  it('has no loop between folders', () => {
    const remaining = allImports.filter((edge) => !listed.has(key(edge)));
    expect(cyclesOf(remaining)).toEqual([]);
  });

  it('lists only violations that still occur', () => {
    const inLoop = new Set([...unitGraphs(allImports)].flatMap(([, graph]) => cycles(graph).flat()));
    const stillViolating = (entry: string): boolean => {
      const edge = allImports.find((candidate) => key(candidate) === entry);
      if (!edge) return false;
      if (isBackward(edge)) return true;
      const depth = unitAt(edge.from, 1) === unitAt(edge.to, 1) ? 2 : 1;
      return inLoop.has(unitAt(edge.from, depth)) && inLoop.has(unitAt(edge.to, depth));
    };
    expect(
      knownViolations.filter((entry) => !stillViolating(entry)),
      'fixed: remove these from knownViolations in test/architecture/layers.ts',
    ).toEqual([]);
  });
});
