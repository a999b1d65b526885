// A small catalog for routing tests, and a helper that loads a variant of it.
import { generateRoutes } from '../../src/artifacts/routes/index.ts';
import { emitDocuments } from '../../src/emit/documents.ts';
import type { Model } from '../../src/model/model.ts';
import { loadCatalogText } from '../../src/model/resolve.ts';
import type { Problem } from '../../src/problem.ts';

export const baseCatalog = `alertmanager:
  defaultReceiver: platform/chat
  watchdog: { receiver: platform/deadman }
  smtp: { smarthost: "smtp.example.com:587", from: am@example.com }
  timeIntervals:
    business-hours:
      - { weekdays: ["monday:friday"], times: [{ start: "08:00", end: "16:00" }], location: UTC }
teams:
  platform:
    receivers:
      pager: { pagerduty: { routingKey: { secret: pd, key: platform } } }
      chat: { slack: { channel: "#platform", apiURL: { secret: slack, key: platform } } }
      low: { email: { to: platform@example.com } }
      deadman: { webhook: { url: "https://deadman.example.com/ping", authorization: { secret: deadman, key: token } } }
    routing:
      critical: [pager, chat]
      warning: [chat]
      info: [low]
  ml:
    receivers:
      chat: { msteams: { bridgeURL: "http://msteams.monitoring.svc:2000/ml" } }
      genie: { opsgenie: { apiKey: { secret: og, key: ml } } }
    routing:
      critical: [genie, chat]
      warning: [chat]
      info: [chat]
      overrides:
        - { matchers: ['service="healthcare-ai"', 'severity="critical"'], receivers: [platform/pager], continue: true }
        - { matchers: ['severity="info"'], receivers: [chat], activeTimeIntervals: [business-hours] }
services:
  cloudviz:
    team: platform
    namespace: cloudviz
    scrape: { port: metrics, selector: { app: cloudviz } }
    metrics:
      requests: { name: cloudviz_requests_total, type: counter }
  healthcare-ai:
    team: ml
    namespace: healthcare-ai
    scrape: { kind: pod, port: http, interval: 15s, selector: { app.kubernetes.io/name: healthcare-ai } }
    metrics:
      requests: { name: http_requests_total, type: counter }
`;

export function load(text: string = baseCatalog): { model: Model | null; problems: readonly Problem[] } {
  return loadCatalogText('catalog.yaml', text);
}

export function loadModel(text: string = baseCatalog): Model {
  const { model, problems } = load(text);
  if (!model) throw new Error(problems.map((p) => `${p.line}:${p.column}: ${p.message}`).join('\n'));
  return model;
}

/** The routes generator's output with its documents serialized, as gen writes them. */
export function generatedRoutes(model: Model): {
  files: ReturnType<typeof emitDocuments>;
  problems: Problem[];
} {
  const output = generateRoutes(model);
  return { files: emitDocuments(output.documents), problems: output.problems };
}
