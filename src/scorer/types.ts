/**
 * The result of scoring one page: the object `score --format json` prints and the
 * library returns. Field names follow ../shared/corpus/README.md exactly.
 */
export interface BlockResult {
  /** Full visible text, whitespace collapsed. */
  text: string;
  score: number;
  spam: boolean;
  /** CSS path (HTML pages) or null. */
  selector: string | null;
  /** [first, last] 0-based lines (text pages) or null. */
  lines: [number, number] | null;
  /** Top reasons in words, most telling first; empty for clean blocks. */
  reasons: string[];
  /** Hidden by CSS on the page (why), or absent when visible. */
  hidden?: string;
}

export interface PageResult {
  file: string | null;
  url?: string | null;
  /** Page score in [0, 1]. */
  score: number;
  spam: boolean;
  /** Share of the page's text characters in spam blocks. */
  spamShare: number;
  lang?: string | null;
  blocks: BlockResult[];
  /** Set when the page could not be read; then blocks is empty and score 0. */
  error?: string;
}
