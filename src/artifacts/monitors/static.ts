// Prometheus without the operator (docker-compose, a VM): generated/prometheus/prometheus.yml scrapes
// every service that declares `scrape.address` with a static config, attaches the same `service`,
// `team` and `job` labels the ServiceMonitors attach (so every generated rule selects it), and loads
// the plain rule files next to it.

import type { Model, Service } from '../../model/model.ts';
import { formatDurationInDays } from '../../promql/duration.ts';
import { scrapeTargetLabels } from './build.ts';

export const staticConfigPath = 'prometheus/prometheus.yml';
/** Relative to the config file, as Prometheus resolves rule_files. */
const ruleFilesGlob = 'rule-files/*.rules.yaml';

function scrapeConfig(service: Service, address: string): Record<string, unknown> {
  const s = service.scrape;
  return {
    // Unique per service even when two services share a job label.
    job_name: service.name,
    scrape_interval: formatDurationInDays(s.intervalMs),
    scrape_timeout: formatDurationInDays(s.timeoutMs),
    metrics_path: s.path,
    scheme: s.scheme,
    ...(s.sampleLimit !== null ? { sample_limit: s.sampleLimit } : {}),
    ...(s.targetLimit !== null ? { target_limit: s.targetLimit } : {}),
    static_configs: [{ targets: [address] }],
    relabel_configs: scrapeTargetLabels(service).map(([target_label, replacement]) => ({
      action: 'replace',
      target_label,
      replacement,
    })),
  };
}

/** The whole config, or null when no service has a static address. */
export function staticPrometheusConfig(model: Model): Record<string, unknown> | null {
  const scraped = model.services.flatMap((s) =>
    s.scrape.address === null ? [] : [scrapeConfig(s, s.scrape.address)],
  );
  if (scraped.length === 0) return null;
  const interval = model.settings.evaluationIntervalMs;
  const alertmanagers = model.settings.staticAlertmanagers;
  return {
    ...(interval > 0 ? { global: { evaluation_interval: formatDurationInDays(interval) } } : {}),
    ...(alertmanagers.length > 0
      ? { alerting: { alertmanagers: [{ static_configs: [{ targets: alertmanagers }] }] } }
      : {}),
    rule_files: [ruleFilesGlob],
    scrape_configs: scraped,
  };
}
