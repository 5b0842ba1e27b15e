/** What every feature family receives for one block, and how a family is described. */
import type { Block, Page } from '../page/types.js';
import type { BlockEvidence, TokenizerSettings } from './types.js';
import type { BlockTokens } from './tokenize.js';

/** Page-wide facts computed once per page and shared by all blocks. */
export interface PageFacts {
  page: Page;
  settings: TokenizerSettings;
  /** Tokens of every block, in block order. */
  tokens: BlockTokens[];
}

export interface BlockInput {
  block: Block;
  /** Position of the block in page.blocks. */
  position: number;
  tokens: BlockTokens;
  facts: PageFacts;
}

/** A family of features: its column names and a function filling them for one block. */
export interface FeatureFamily {
  name: string;
  columns: readonly string[];
  /** Writes columns.length values into out starting at offset; adds evidence. Page-level work is cached per PageFacts by the family. */
  compute(input: BlockInput, out: Float32Array, offset: number, evidence: BlockEvidence): void;
}

/** Finite value or 0: no NaN or Infinity leaves a family. */
export function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
