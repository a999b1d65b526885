// How dashboards reach Grafana: the JSON model under grafana/dashboards/, plus, as the catalog asks,
// one ConfigMap per dashboard that kube-prometheus-stack's Grafana sidecar loads (label
// grafana_dashboard: "1", folder from the annotation) and/or one grafana-operator GrafanaDashboard.
// Objects are named without a hash suffix so a new version replaces the old one, never adds.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { DashboardDelivery, GrafanaOperatorDelivery } from '../../model/model.ts';
import { isYamlPrintable } from '../../yaml/printable.ts';
import type { GeneratedFile, YamlFile } from '../types.ts';

/** etcd's object limit; a bigger ConfigMap is rejected by the API server. */
export const configMapLimitBytes = 1024 * 1024;
export const sidecarLabel = 'grafana_dashboard';
export const folderAnnotation = 'grafana_folder';
export const targetDirectoryAnnotation = 'k8s-sidecar-target-directory';

export const dashboardPaths = {
  json: (uid: string) => `grafana/dashboards/${uid}.json`,
  configMap: (uid: string) => `grafana/configmaps/${uid}.yaml`,
  grafanaDashboard: (uid: string) => `grafana/operator/${uid}.yaml`,
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

/** A grafana-operator v5 GrafanaDashboard: the model inline, in the team's folder, under its own uid. */
export function grafanaDashboard(
  uid: string,
  folder: string,
  json: string,
  operator: GrafanaOperatorDelivery,
): unknown {
  return {
    apiVersion: 'grafana.integreatly.org/v1beta1',
    kind: 'GrafanaDashboard',
    metadata: {
      name: configMapName(uid),
      labels: { 'app.kubernetes.io/managed-by': 'obsgen' },
    },
    spec: {
      instanceSelector: { matchLabels: operator.instanceSelector },
      ...(operator.allowCrossNamespaceImport ? { allowCrossNamespaceImport: true } : {}),
      ...(operator.resyncPeriod ? { resyncPeriod: operator.resyncPeriod } : {}),
      folder,
      uid,
      json,
    },
  };
}

/** A dashboard as delivered: its JSON file, and the Kubernetes objects carrying it as data for emit. */
export interface DashboardDeliveryOutput {
  readonly json: GeneratedFile;
  readonly documents: readonly YamlFile[];
  /** The dashboard JSON each Kubernetes object carries, by its path (what the size limit sees). */
  readonly carried: readonly CarriedJson[];
}

export interface CarriedJson {
  readonly path: string;
  readonly json: string;
}

/**
 * The dashboard's files from its JSON twice over: `pretty` (dashboardJson) for its file and
 * `compact` (JSON.stringify) inside Kubernetes objects. Compact there because the pretty file beside
 * them is what reviewers diff, and a one-line string serializes to YAML an order of magnitude faster
 * than a block of 300 lines.
 */
export function deliveryFiles(
  uid: string,
  folder: string,
  texts: {
    readonly pretty: string;
    readonly compact: string;
    /** Whether `compact` is YAML-printable, as the dashboard's template knows. */
    readonly compactPrintable: boolean;
  },
  delivery: DashboardDelivery,
): DashboardDeliveryOutput {
  const { pretty, compact } = texts;
  const json: GeneratedFile = { path: dashboardPaths.json(uid), content: pretty, kubernetes: false };
  const documents: YamlFile[] = [];
  if (delivery.configMaps) {
    const configMap = dashboardConfigMap(uid, folder, compact);
    documents.push({
      path: dashboardPaths.configMap(uid),
      documents: [configMap],
      // Told, the writer does not scan kilobytes of JSON for what the template already knows.
      printable: texts.compactPrintable && configMapStringsPrintable(uid, folder),
      kubernetes: true,
    });
  }
  if (delivery.grafanaOperator)
    documents.push({
      path: dashboardPaths.grafanaDashboard(uid),
      documents: [grafanaDashboard(uid, folder, compact, delivery.grafanaOperator)],
      kubernetes: true,
    });
  return { json, documents, carried: documents.map((file) => ({ path: file.path, json: compact })) };
}

/**
 * Whether the strings dashboardConfigMap puts beside the JSON are YAML-printable: its name and
 * folder (the rest are constants, or the folder behind one).
 */
function configMapStringsPrintable(uid: string, folder: string): boolean {
  return isYamlPrintable(configMapName(uid)) && isYamlPrintable(folder);
}

/**
 * Null when the object fits; otherwise why it does not. The carried JSON is nearly all of the
 * object (metadata adds a few hundred bytes), so it is what is measured before anything is serialized.
 */
export function oversize(uid: string, carried: CarriedJson): string | null {
  // UTF-8 takes at most three bytes for a UTF-16 unit: most dashboards fit without being measured.
  if (carried.json.length * 3 <= configMapLimitBytes) return null;
  const bytes = Buffer.byteLength(carried.json, 'utf8');
  if (bytes <= configMapLimitBytes) return null;
  return `dashboard ${uid} carries ${bytes} bytes of JSON in ${carried.path}, over the 1 MiB limit Kubernetes allows for an object; split it into several dashboards`;
}
