// What every family of a service's alert tests reads: the service, its alerts as the catalog tunes
// them (computed once a service), and the run's curves shared across services of one shape.
import type { Model, Service } from '../../../model/model.ts';
import type { GeneratedAlert } from '../expected.ts';
import type { ShapeCache } from '../shapes.ts';

export interface ServiceContext {
  readonly model: Model;
  readonly service: Service;
  readonly alerts: ReadonlyMap<string, GeneratedAlert>;
  readonly shapes: ShapeCache;
}
