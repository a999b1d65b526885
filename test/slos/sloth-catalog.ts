// Sloth's getting-started example expressed in our catalog, shared by the SLO tests and `npm run bench -- slo`
// (kept free of vitest so the bench can import it).
/** Sloth's getting-started SLO (99.9% of requests without 5xx/429) in our catalog. */
export const gettingStartedCatalog = `teams:
  myteam:
    receivers:
      chat: { slack: { channel: "#alerts-myteam", apiURL: { secret: am-slack, key: myteam } } }
    routing: { default: chat }
services:
  myservice:
    team: myteam
    namespace: myservice
    scrape: { port: metrics, selector: { app: myservice } }
    metrics:
      requests: { name: http_requests_total, type: counter, labels: [code] }
    slos:
      requests-availability:
        objective: 99.9
        description: Common SLO based on availability for HTTP request responses.
        errors: 'http_requests_total{code=~"(5..|429)"}'
        total: requests
`;
