/** What every feature family receives for one block, and how a family is described. */
import type { Block, Page } from '../page/types.js';
import type { BlockEvidence, TokenizerSettings } from './types.js';
import type { BlockTokens } from './tokenize.js';
import type { Items } from './templates.js';

/** Page-wide facts computed once per page and shared by all blocks. */
export interface PageFacts {
  page: Page;
  settings: TokenizerSettings;
  /** Tokens of every block, in block order. */
  tokens: BlockTokens[];
  /** Page vocabulary: every distinct word of the page (and of its title, once read) → a small integer id. */
  vocab: PageVocabulary;
  /** Page word ids of each block's words (ids[i] for tokens.words[i]). */
  ids: Int32Array[];
}

/** Distinct words of one page, numbered from 0 in order of first appearance. */
export class PageVocabulary {
  private readonly index = new Map<string, number>();
  readonly words: string[] = [];

  get size(): number {
    return this.words.length;
  }

  id(w: string): number {
    let id = this.index.get(w);
    if (id === undefined) {
      id = this.words.length;
      this.index.set(w, id);
      this.words.push(w);
    }
    return id;
  }

  ids(words: readonly string[]): Int32Array {
    return this.idsOfLists([words])[0] as Int32Array;
  }

  /** ids() of each list, as views of one array: one typed-array allocation a page instead of one a block. */
  idsOfLists(lists: ReadonlyArray<readonly string[]>): Int32Array[] {
    let total = 0;
    for (const words of lists) total += words.length;
    const all = new Int32Array(total);
    const out: Int32Array[] = [];
    let at = 0;
    for (const words of lists) {
      for (let i = 0; i < words.length; i++) all[at + i] = this.id(words[i] as string);
      out.push(all.subarray(at, at + words.length));
      at += words.length;
    }
    return out;
  }
}

export interface BlockInput {
  block: Block;
  /** Position of the block in page.blocks. */
  position: number;
  tokens: BlockTokens;
  facts: PageFacts;
  /** The block cut into items, once, by templates.blockItems (shared by the families that read items). */
  items?: Items;
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
