// SLOs for cloudviz that read better as code: one availability SLO per endpoint over a 28-day
// period, with a page tier only (tickets come from the catalog's availability SLO).
import { defineSlos, SloBuilder } from '../src/index.ts';

export default defineSlos('cloudviz', [
  new SloBuilder('endpoint-availability')
    .description('Each endpoint answers 99.5% of requests without an error, over 28 days.')
    .objective(99.5)
    .window('28d')
    .errors('errors')
    .total('requests')
    .groupBy('endpoint')
    .minRate(0.05)
    .tier('page', {
      severity: 'critical',
      windows: [
        { long: '1h', budget: 2 },
        { long: '6h', short: '30m', budget: 5 },
      ],
    }),
]);
