/** Limits that keep a hostile page bounded, and their defaults. */
import { InputError } from '../errors.js';
import type { PageLimits } from './types.js';

/**
 * Defaults:
 * - maxBytes 4 MiB: well above real pages (the corpus's largest is a few hundred KB),
 *   small enough that parsing one page stays well under a second and ~100 MB of heap.
 *   A bigger input is cut there: its first and last halves are read (headTailSizes) and
 *   `truncated` says 'bytes'.
 * - maxBlocks 5,000: a page with more blocks keeps its first 2,500 and its last 2,500.
 * - maxDepth 256: elements nested deeper are flattened into the element at depth 256.
 * - maxSeconds 20: work on one page, a last line of defence (every stage is linear in the
 *   page, and a 4 MiB page of any shape scores in a few seconds, scripts/bench-hostile.mjs);
 *   past it the page gets an error result instead of holding its thread.
 */
export const DEFAULT_LIMITS: Readonly<PageLimits> = Object.freeze({
  maxBytes: 4 * 1024 * 1024,
  maxBlocks: 5_000,
  maxDepth: 256,
  maxSeconds: 20,
});

/** Fills unset limits with the defaults; non-positive or non-finite values fall back too. */
export function resolveLimits(partial?: Partial<PageLimits>): PageLimits {
  const ok = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
  const pick = (v: number | undefined, d: number): number => (ok(v) ? Math.floor(v) : d);
  return {
    maxBytes: pick(partial?.maxBytes, DEFAULT_LIMITS.maxBytes),
    maxBlocks: pick(partial?.maxBlocks, DEFAULT_LIMITS.maxBlocks),
    maxDepth: pick(partial?.maxDepth, DEFAULT_LIMITS.maxDepth),
    maxSeconds: ok(partial?.maxSeconds) ? partial.maxSeconds : DEFAULT_LIMITS.maxSeconds,
  };
}

/**
 * The maxSeconds budget of one page: the stages call `check()` between steps of their
 * loops, and past the budget it throws an InputError that the scorer turns into the page's
 * error result. Work is synchronous, so wall time is the page's thread time.
 */
export class Deadline {
  private readonly at: number;

  constructor(
    private readonly seconds: number,
    private readonly file: string | null = null,
  ) {
    this.at = performance.now() + seconds * 1000;
  }

  /** Throws when the page's time is up. */
  check(): void {
    if (performance.now() > this.at) {
      throw new InputError(this.file, `gave up after ${this.seconds} s of work on the page (--max-seconds)`, 'parse');
    }
  }
}

/**
 * How much of an input longer than maxBytes is read from its start and from its end: half
 * each (the head gets the smaller half). Spam appended after padding sits in the tail.
 */
export function headTailSizes(maxBytes: number): { head: number; tail: number } {
  const head = Math.floor(maxBytes / 2);
  return { head, tail: maxBytes - head };
}
