/** The model stage's public API, for the scorer, reports and CLI. */
export { selectBackend, currentBackend, parseBackendName, type BackendName } from './backend.js';
export { loadModel, modelFromNetwork, type LoadedModel, type LoadOptions } from './loaded.js';
export type { ModelMeta, FeatureRange, DevMetrics } from './meta.js';
export { rollupPage, onVerdictScale, titleOnBlockScale, verdictScale, VERDICT_LINE, spamByLength, spamByRandomLetters, DEFAULT_MIN_CHARS, DEFAULT_WHOLE_PAGE, DEFAULT_TABLE_CELLS, type RollupSettings, type RollupPass, type PageRollup, type WholePageRule, type WholePageCounts, type LongBlockRule, type TableCellRule, type BlockFacts } from './rollup.js';
export { DEFAULT_RANDOM_LETTERS, randomLetterBlocks, type RandomLetterRule } from './random-letters.js';
export { blockFacts } from './block-facts.js';
