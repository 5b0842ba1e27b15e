/**
 * The features stage: one row of numbers per block of a page, plus a hashed bag of its
 * words and n-grams and the evidence behind the numbers. Each column is defined once, in
 * its family's file; this module only concatenates the families.
 */
import type { Page } from '../page/types.js';
import { siblingGroups } from '../page/siblings.js';
import type { BlockEvidence, FeatureMatrix, TokenizerSettings } from './types.js';
import { PageVocabulary, type BlockInput, type FeatureFamily, type PageFacts } from './family.js';
import { tokenizeBlock } from './tokenize.js';
import { PageBags } from './bag.js';
import { repetitionFamily } from './repetition.js';
import { templateFamily } from './templates.js';
import { linkFamily } from './links.js';
import { languageFamily } from './language.js';
import { contextFamily } from './context.js';
import { placeFamily } from './places.js';
import { gibberishFamily } from './gibberish.js';

export type { BlockEvidence, FeatureMatrix, TokenizerSettings } from './types.js';

/** Bump on any change to a feature's definition, the tokenizer or the bag. */
export const FEATURE_SET_VERSION = 'fs-9';

export const DEFAULT_TOKENIZER: TokenizerSettings = Object.freeze({
  bagBuckets: 2048,
  charNgrams: Object.freeze([3]) as number[],
  jiebaDict: 'jieba-small-20',
  stem: false,
});

/** Families in column order. */
export const FAMILIES: readonly FeatureFamily[] = [
  repetitionFamily,
  templateFamily,
  linkFamily,
  languageFamily,
  contextFamily,
  placeFamily,
  gibberishFamily,
];

const COLUMNS: readonly string[] = Object.freeze(FAMILIES.flatMap((f) => [...f.columns]));

/** Names of the feature columns, in row order. */
export function featureColumns(): readonly string[] {
  return COLUMNS;
}

/** Feature rows, bags and evidence for every block of the page. Pure, synchronous; empty page → no rows. */
export function extractFeatures(page: Page, tokenizer: TokenizerSettings = DEFAULT_TOKENIZER): FeatureMatrix {
  const tokens = page.blocks.map((b) => tokenizeBlock(b, tokenizer));
  const vocab = new PageVocabulary();
  const facts: PageFacts = { page, settings: tokenizer, tokens, vocab, ids: vocab.idsOfLists(tokens.map((t) => t.words)) };
  const width = COLUMNS.length;
  // Rows are views of one page-wide array: a typed array of its own per block is a separate allocation each.
  const rowData = new Float32Array(page.blocks.length * width);
  const rows: Float32Array[] = [];
  const evidence: BlockEvidence[] = [];
  for (let position = 0; position < page.blocks.length; position++) {
    const row = rowData.subarray(position * width, (position + 1) * width);
    const ev: BlockEvidence = {};
    let offset = 0;
    const input: BlockInput = { block: page.blocks[position]!, position, tokens: tokens[position]!, facts, items: undefined };
    for (const family of FAMILIES) {
      family.compute(input, row, offset, ev);
      offset += family.columns.length;
    }
    rows.push(row);
    evidence.push(ev);
  }
  const bags = new PageBags(vocab.words, tokenizer).bags(facts.ids);
  return { version: FEATURE_SET_VERSION, columns: COLUMNS, rows, bags, evidence, siblings: siblingGroups(page.blocks), tokenizer };
}
