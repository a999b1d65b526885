// Files generators return as data, serialized: each a YAML stream under the do-not-edit header.
import type { GeneratedFile, YamlFile } from '../artifacts/types.ts';
import { LineStarts, toYamlDocuments } from './yaml.ts';

export function emitDocuments(files: Iterable<YamlFile>): GeneratedFile[] {
  const lineStarts = new LineStarts();
  const emitted: GeneratedFile[] = [];
  for (const { path, documents, keepKeyOrder, kubernetes } of files)
    emitted.push({
      path,
      content: toYamlDocuments(documents, { keepKeyOrder: keepKeyOrder ?? false, lineStarts }),
      kubernetes,
    });
  return emitted;
}
