/** Labeled pages and blocks: what the data stage hands to training and evaluation. */
import type { ParsedPage } from '../page/types.js';

export type Split = 'train' | 'dev';
export type PageLabel = 'clean' | 'spam' | 'mixed';

/** One line of a corpus's labels.jsonl, validated (format: ../shared/corpus/README.md). */
export interface LabelRecord {
  id: string;
  file: string;
  source: string;
  lang: string;
  page: PageLabel;
  split: Split;
  /** The site, or the spam campaign or brand, the page belongs to: pages of one group never sit on both sides of a split. A page without one is its own group. */
  group?: string;
  spam?: { selectors?: string[]; lines?: Array<[number, number]>; all?: boolean };
  kinds?: string[];
  origin?: string;
  license?: string;
  /** Set by `seospam synth` on pages it made. */
  synthetic?: boolean;
}

export interface LabeledPage {
  record: LabelRecord;
  /** Absolute path of the page file. */
  path: string;
  /** True when the page came from a synthetic corpus (reported apart from real pages). */
  synthetic: boolean;
  parsed: ParsedPage;
  /** Per block: share of its characters inside spam regions, in [0, 1]. */
  spamShare: number[];
  /** Per block: spamShare >= 0.5. */
  isSpam: boolean[];
  /** True when a spam selector matched only head elements (e.g. a hijacked title). */
  headSpam: boolean;
}
