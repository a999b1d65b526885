// Notification texts (Alertmanager Go templates), the same for every receiver kind: what fired, its
// summary and description, and links to the runbook and dashboard the rules put in annotations.
// They are inlined in each receiver so the AlertmanagerConfig CRDs (which cannot ship template
// files) notify exactly like the plain config.

export const title =
  '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}{{ if .CommonLabels.service }} ({{ .CommonLabels.service }}){{ end }}';

/** One paragraph per alert. */
export const body = [
  '{{ range .Alerts }}{{ .Annotations.summary }}',
  '{{ if .Annotations.description }}{{ .Annotations.description }}{{ end }}',
  '{{ if .Annotations.runbook_url }}Runbook: {{ .Annotations.runbook_url }}{{ end }}',
  '{{ if .Annotations.dashboard_url }}Dashboard: {{ .Annotations.dashboard_url }}{{ end }}',
  '{{ end }}',
].join('\n');

/** Key/value details for PagerDuty and Opsgenie incidents. */
export const details: Readonly<Record<string, string>> = {
  summary: '{{ .CommonAnnotations.summary }}',
  description: '{{ .CommonAnnotations.description }}',
  runbook_url: '{{ .CommonAnnotations.runbook_url }}',
  dashboard_url: '{{ .CommonAnnotations.dashboard_url }}',
  firing: '{{ .Alerts.Firing | len }}',
};

/** PagerDuty's severity field accepts critical, error, warning and info: our classes map directly. */
export const pagerdutySeverity =
  '{{ if .CommonLabels.severity }}{{ .CommonLabels.severity }}{{ else }}critical{{ end }}';
