// Alerts for cloudviz that the catalog cannot express. Loaded by `obsgen gen` at run time.
import { AlertRuleBuilder, defineAlerts, RuleGroupBuilder } from '../src/index.ts';

export default defineAlerts('cloudviz', ({ service }) => [
  new RuleGroupBuilder('obsgen-cloudviz-custom').rule(
    new AlertRuleBuilder(
      'CloudvizNoTraffic',
      'sum by (service) (rate(cloudviz_requests_total{service="cloudviz"}[10m])) == 0',
    )
      .for('15m')
      .severity('warning')
      .label('team', service.team)
      .label('service', service.name)
      .summary('cloudviz serves no requests.')
      .description('cloudviz has answered no request for 15 minutes; check nginx and the load balancer.')
      .runbook(service.runbook && `${service.runbook}#cloudviznotraffic`),
  ),
]);
