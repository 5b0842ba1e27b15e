/** Labeled blocks as flat rows (text, label, share, page facts, feature values), for fastText or a notebook. */
import { extractFeatures } from '../features/index.js';
import type { FeatureMatrix } from '../features/types.js';
import type { LabeledPage, Split } from './types.js';

export interface BlockRow {
  text: string;
  /** 1 when the block is spam (share >= 0.5), else 0. */
  label: 0 | 1;
  share: number;
  page: string;
  file: string;
  block: number;
  source: string;
  split: Split;
  synthetic: boolean;
  lang: string;
  /** Feature values by column name. */
  features: Record<string, number>;
}

/** One row per block of a labeled page; features are computed unless a matrix is given. */
export function blockRows(p: LabeledPage, matrix: FeatureMatrix = extractFeatures(p.parsed.page)): BlockRow[] {
  const { record } = p;
  return p.parsed.page.blocks.map((b, i) => {
    const features: Record<string, number> = {};
    const row = matrix.rows[i];
    matrix.columns.forEach((c, j) => {
      features[c] = Number.isFinite(row[j]) ? Math.round(row[j] * 1e6) / 1e6 : 0;
    });
    return {
      text: b.text,
      label: p.isSpam[i] ? 1 : 0,
      share: Math.round(p.spamShare[i] * 1e4) / 1e4,
      page: record.id,
      file: record.file,
      block: i,
      source: record.source,
      split: record.split,
      synthetic: p.synthetic,
      lang: record.lang,
      features,
    };
  });
}
