// The platform team's own overview: its two HTTP services side by side, plus the database pool.
// Services, metrics and labels are checked twice: by TypeScript (through the generated Catalog type)
// and by `npm run gen`, which fails at the line of a call the catalog cannot satisfy.
import type { Catalog } from '../generated/grafana/catalog.ts';
import { defineDashboard } from '../src/index.ts';

export default defineDashboard<Catalog>(
  {
    uid: 'platform-overview',
    title: 'Platform / overview',
    description: 'Requests of the platform team services and the cloudviz database pool.',
    team: 'platform',
  },
  (d) => [
    d.redRow('cloudviz'),
    d.redRow('healthcare-ai'),
    d.row('cloudviz database', [
      d.metric('cloudviz', 'cloudviz_database_connections_active', { title: 'Open database connections' }),
      d.metric('cloudviz', 'cloudviz_requests_total', { by: ['endpoint'], title: 'Requests by endpoint' }),
      d.query({
        title: 'Pool headroom',
        description: 'Connections still free in the cloudviz pool, lowest instance.',
        unit: 'short',
        expr: 'min(cloudviz_database_connections_max{service="cloudviz"} - cloudviz_database_connections_active{service="cloudviz"})',
        legend: 'free connections',
      }),
    ]),
  ],
);
