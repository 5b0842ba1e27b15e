/**
 * Types shared by the scale-out modes (JSON Lines streams, WARC files, queue workers).
 */
import type { PageResult, Scorer, ScoreOptions } from '../scorer/types.js';

/** The part of a Scorer the scale-out modes need: one page at a time. */
export type PageScorer = Pick<Scorer, 'score'>;

/**
 * What a queue worker takes: a PageScorer, or a scorer that scores off the event loop
 * (a ScorerPool), so that a slow page does not hold up the job lock renewals.
 */
export interface AsyncPageScorer {
  score(content: Uint8Array | string, options?: ScoreOptions): PageResult | Promise<PageResult>;
}

/** One page to score, from a JSONL line, a WARC record, a file or a queue job. */
export interface ScalePage {
  /** Caller's name for the page; carried into its result and used to dedupe. */
  id: string;
  url?: string;
  /** HTTP Content-Type header value (for the charset). */
  contentType?: string;
  /** Force HTML or text reading; otherwise decided by content. */
  kind?: 'html' | 'text';
  /** Raw bytes (any charset) or decoded text. */
  content: Uint8Array | string;
}

/** A page result carrying the caller's id (absent only when a line had none we could read). */
export interface IdResult extends PageResult {
  id?: string;
  /** 1-based input line, set on results of JSON Lines input that could not be read. */
  line?: number;
}

/** A result for one WARC response record. */
export interface WarcPageResult extends PageResult {
  url: string | null;
  recordId: string | null;
}
