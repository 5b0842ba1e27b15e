/** The model stage's public API, for the scorer, reports and CLI. */
export { selectBackend, currentBackend, parseBackendName, type BackendName } from './backend.js';
export { loadModel, modelFromNetwork, type LoadedModel, type LoadOptions } from './loaded.js';
export type { ModelMeta, FeatureRange, DevMetrics } from './meta.js';
export { rollupPage, spamByLength, DEFAULT_MIN_CHARS, DEFAULT_WHOLE_PAGE, type RollupSettings, type PageRollup, type WholePageRule, type WholePageCounts, type LongBlockRule } from './rollup.js';
