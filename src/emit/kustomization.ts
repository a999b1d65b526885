// generated/kustomization.yaml: every Kubernetes object obsgen writes, for Argo CD to apply.
import type { GeneratedFile } from '../artifacts/types.ts';
import { toYaml } from './yaml.ts';

export const kustomizationPath = 'kustomization.yaml';

export function kustomization(files: readonly GeneratedFile[]): GeneratedFile {
  const resources = files
    .filter((f) => f.kubernetes)
    .map((f) => f.path)
    .sort();
  const content = toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
  return { path: kustomizationPath, content, kubernetes: false };
}
