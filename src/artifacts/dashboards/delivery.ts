// How dashboards reach Grafana: the JSON model under grafana/dashboards/, and one ConfigMap per
// dashboard that kube-prometheus-stack's Grafana sidecar loads (label grafana_dashboard: "1", folder
// from the annotation). ConfigMaps are named without a hash suffix so the sidecar replaces, not adds.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { toYaml } from '../../emit/yaml.ts';
import type { GeneratedFile } from '../types.ts';

/** etcd's object limit; a bigger ConfigMap is rejected by the API server. */
export const configMapLimitBytes = 1024 * 1024;
export const sidecarLabel = 'grafana_dashboard';
export const folderAnnotation = 'grafana_folder';
export const targetDirectoryAnnotation = 'k8s-sidecar-target-directory';

export const dashboardPaths = {
  json: (uid: string) => `grafana/dashboards/${uid}.json`,
  configMap: (uid: string) => `grafana/configmaps/${uid}.yaml`,
} as const;

/** Stable JSON: the SDK builds keys in a fixed order, two-space indent, trailing newline. */
export function dashboardJson(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

export function configMapName(uid: string): string {
  return `grafana-dashboard-${uid.toLowerCase()}`;
}

export function dashboardConfigMap(uid: string, folder: string, json: string): unknown {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: configMapName(uid),
      labels: { [sidecarLabel]: '1', 'app.kubernetes.io/managed-by': 'obsgen' },
      annotations: { [folderAnnotation]: folder, [targetDirectoryAnnotation]: `/tmp/dashboards/${folder}` },
    },
    data: { [`${uid}.json`]: json },
  };
}

export function deliveryFiles(uid: string, folder: string, dashboard: Dashboard): GeneratedFile[] {
  const json = dashboardJson(dashboard);
  return [
    { path: dashboardPaths.json(uid), content: json, kubernetes: false },
    {
      path: dashboardPaths.configMap(uid),
      // Compact inside the ConfigMap: the pretty file beside it is what reviewers diff, and a one-line
      // string serializes to YAML an order of magnitude faster than a block of 300 lines.
      content: toYaml(dashboardConfigMap(uid, folder, JSON.stringify(dashboard)), { header: true }),
      kubernetes: true,
    },
  ];
}

/** Null when it fits; otherwise why it does not. */
export function oversize(uid: string, file: GeneratedFile): string | null {
  const bytes = Buffer.byteLength(file.content, 'utf8');
  if (bytes <= configMapLimitBytes) return null;
  return `dashboard ${uid} is ${bytes} bytes as a ConfigMap, over the 1 MiB limit Kubernetes allows; split it into several dashboards`;
}
