import type { PageResult } from '../scorer/types.js';

/** A result for a page that could not be read or scored: score 0, no blocks, the reason in `error`. */
export function errorResult(file: string | null, error: string): PageResult {
  return { file, score: 0, spam: false, spamShare: 0, blocks: [], error };
}
