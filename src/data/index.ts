/** The data stage: labeled corpora (load, validate, map region labels onto blocks) and synthesis. */
export { loadCorpus, eachCorpusPage, labelPage, type LoadOptions, type LoadedCorpus } from './corpus.js';
export { readLabels, validateRecord, labelsFileOf, isTextFile, countLines, checkSelector, PAGE_LABELS, SPLITS } from './labels.js';
export type { LabelEntry, LabelsResult, ReadLabelsOptions, OnError } from './labels.js';
export { mapLabels, relaxedSelectors, SPAM_SHARE, type MappedLabels } from './map-labels.js';
export { isFurniture, FURNITURE_MIN_CHARS, FURNITURE_MENU_CHARS } from '../page/furniture.js';
export type * from './types.js';
export { blockRows, type BlockRow } from './export.js';
