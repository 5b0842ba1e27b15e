/** Data produced by the features stage, read by the model, scorer and reports. */

/** Settings that change how text becomes tokens and hashed buckets; a model records them. */
export interface TokenizerSettings {
  /** Number of hash buckets for the bag of words and character n-grams. */
  bagBuckets: number;
  /** Character n-gram sizes hashed into the bag (on CJK text and on Latin words). */
  charNgrams: number[];
  /** Which Chinese dictionary jieba loads (a name, e.g. 'jieba-small-20'). */
  jiebaDict: string;
  /** English stemming on (natural's Porter stemmer) or off. */
  stem: boolean;
}

/** Facts behind a block's numbers, used to write reasons a person reads. */
export interface BlockEvidence {
  /** Most common item skeleton with slots masked, e.g. `{城市}网络公司{动词}{N}火星下拉`. */
  template?: string;
  /** How many items follow that skeleton, and how many items there are. */
  templateItems?: number;
  items?: number;
  /** Most repeated token and its count. */
  topToken?: string;
  topTokenCount?: number;
  /** Shared head or tail word of items (`网络公司`). */
  sharedAffix?: string;
  /** Vocabulary hits: SEO-service / gambling / pharma words seen. */
  vocabulary?: string[];
  hiddenBy?: string;
  /** Items that begin with a Chinese place name (city-targeted lists). */
  placeItems?: number;
  /** A word of the block that reads as a random letter string. */
  gibberish?: string;
}

export interface FeatureMatrix {
  /** FEATURE_SET_VERSION of the code that made it. */
  version: string;
  columns: readonly string[];
  /** One row per block, `columns.length` long, raw (not standardized). */
  rows: Float32Array[];
  /** One per block: hashed bucket ids of its words and character n-grams (repeats allowed). */
  bags: Int32Array[];
  evidence: BlockEvidence[];
  /** Per block, its DOM-sibling group (page/siblings.ts): blocks under the same parent element share it. */
  siblings: Int32Array;
  tokenizer: TokenizerSettings;
}
