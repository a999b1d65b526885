// Files generators return as data, serialized: each a YAML stream under the do-not-edit header.
import type { GeneratedFile, YamlFile } from '../artifacts/types.ts';
import { LineStarts, toYamlDocuments } from './yaml.ts';

export function emitDocuments(files: readonly YamlFile[]): GeneratedFile[] {
  const lineStarts = new LineStarts();
  return files.map(({ path, documents, keepKeyOrder, kubernetes }) => ({
    path,
    content: toYamlDocuments(documents, { keepKeyOrder: keepKeyOrder ?? false, lineStarts }),
    kubernetes,
  }));
}
