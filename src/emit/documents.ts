// Files generators return as data, serialized: each a YAML stream under the do-not-edit header.
import type { GeneratedFile, YamlFile } from '../artifacts/types.ts';
import { shapedYamlDocuments, yamlCaches } from './yaml-shapes.ts';

export function emitDocuments(files: Iterable<YamlFile>): GeneratedFile[] {
  const caches = yamlCaches();
  const emitted: GeneratedFile[] = [];
  for (const { path, documents, keepKeyOrder, printable, kubernetes } of files)
    emitted.push({
      path,
      content: shapedYamlDocuments(
        documents,
        { keepKeyOrder: keepKeyOrder ?? false, printable: printable ?? false },
        caches,
      ),
      kubernetes,
    });
  return emitted;
}
