// The in-process PromQL engine: series storage and instant evaluation with promtool 2.42's semantics.
export { evaluateInstant } from './evaluate.ts';
export {
  compareLabels,
  formatLabels,
  getLabel,
  type Label,
  type Labels,
  labelsFrom,
  labelsKey,
  METRIC_NAME,
} from './labels.ts';
export { SeriesStore, type StoredSeries } from './store.ts';
export type { EvalOptions, EvalResult, Sample, Series, Value } from './types.ts';
