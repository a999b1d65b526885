// Files generators return as data, serialized: each a YAML stream under the do-not-edit header.
import type { GeneratedFile, YamlFile } from '../artifacts/types.ts';
import { LineStarts } from './yaml.ts';
import { shapedYamlDocuments, yamlShapes } from './yaml-shapes.ts';

export function emitDocuments(files: Iterable<YamlFile>): GeneratedFile[] {
  const lineStarts = new LineStarts();
  const shapes = yamlShapes();
  const emitted: GeneratedFile[] = [];
  for (const { path, documents, keepKeyOrder, kubernetes } of files)
    emitted.push({
      path,
      content: shapedYamlDocuments(documents, { keepKeyOrder: keepKeyOrder ?? false, lineStarts }, shapes),
      kubernetes,
    });
  return emitted;
}
