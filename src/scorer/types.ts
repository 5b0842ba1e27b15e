/**
 * The result of scoring one page: the object `score --format json` prints and the
 * library returns. Field names follow ../shared/corpus/README.md exactly.
 */
export interface BlockResult {
  /** Full visible text, whitespace collapsed. */
  text: string;
  /** On the verdict scale: 0.5 is the verdict line (spam from 0.5), whatever threshold the model uses inside. */
  score: number;
  spam: boolean;
  /** CSS path (HTML pages) or null. */
  selector: string | null;
  /** [first, last] 0-based lines (text pages) or null. */
  lines: [number, number] | null;
  /** Top reasons in words, most telling first; at least one for a spam block, none for clean blocks. */
  reasons: string[];
  /** Hidden by CSS on the page (why), or absent when visible. */
  hidden?: string;
}

/** The page title, scored as a one-line block: a hijacked title is spam no block holds. */
export interface TitleResult {
  /** The title, whitespace collapsed. */
  text: string;
  /** On the verdict scale: 0.5 is the title's threshold. */
  score: number;
  /** Reached the model's title threshold: the page is spam for its title alone. */
  spam: boolean;
  /** Top reasons in words; empty when not spam, unless the title scored near its threshold (then the first reason says how near). */
  reasons: string[];
}

/** The limits that cut a page, each with what was kept; absent when the whole page was scored. */
export interface Truncation {
  /** The page was longer than --max-bytes: its first and last halves of this many bytes were read. */
  bytes?: number;
  /** The page had more blocks than --max-blocks: this many were scored, the first and the last half of them. */
  blocks?: number;
}

export interface PageResult {
  file: string | null;
  url?: string | null;
  /** Page score in [0, 1], on the verdict scale: a page scoring 0.5 or more is spam by its blocks or title. */
  score: number;
  spam: boolean;
  /** Share of the page's text characters in spam blocks. */
  spamShare: number;
  lang?: string | null;
  blocks: BlockResult[];
  /** The page's title and its verdict; absent when the page has no title or the model judges no titles. */
  title?: TitleResult;
  /** Set when the page could not be read (or took longer than --max-seconds); then blocks is empty and score 0. */
  error?: string;
  /** Set when a limit cut the page: part of it was not scored. */
  truncated?: Truncation;
}

/** Options for one page given to the scorer. */
export interface ScoreOptions {
  /** Name reported as `file` in the result (a path, URL or id). */
  file?: string;
  url?: string;
  /** HTTP Content-Type header value, used for the charset. */
  contentType?: string;
  /** Force HTML or text reading instead of deciding by content. */
  kind?: 'html' | 'text';
}

/** One page in a batch. */
export interface PageInput extends ScoreOptions {
  /** Raw bytes (any charset) or an already decoded string. */
  content: Uint8Array | string;
}

export type BackendName = 'node' | 'wasm' | 'cpu';

export interface ScorerInfo {
  model: string;
  modelVersion: string;
  featureSetVersion: string;
  /** The verdict line of every shown score: 0.5. */
  threshold: number;
  /** The model's own block threshold on its raw network scores (the one `--threshold` sets), which the shown scale maps to 0.5. */
  modelThreshold: number;
  backend: BackendName;
}

/** A loaded model, ready to score synchronously. Never throws on page content. */
export interface Scorer {
  readonly info: ScorerInfo;
  /** HTML (or unknown) bytes or string. */
  scoreHtml(content: Uint8Array | string, options?: ScoreOptions): PageResult;
  /** A plain-text page. */
  scoreText(text: string, options?: ScoreOptions): PageResult;
  /** Bytes or string of either kind, decided by content unless `options.kind` says. */
  score(content: Uint8Array | string, options?: ScoreOptions): PageResult;
  scoreBatch(pages: PageInput[]): PageResult[];
  /** Scores the page and writes it back without its spam blocks, in its own charset. */
  strip(content: Uint8Array | string, options?: ScoreOptions): StripResult;
}

export interface StripResult {
  result: PageResult;
  /** The page without its spam blocks (a string when a string was given). */
  page: Uint8Array | string;
}
