/** Limits that keep a hostile page bounded, and their defaults. */
import type { PageLimits } from './types.js';

/**
 * Defaults:
 * - maxBytes 4 MiB: well above real pages (the corpus's largest is a few hundred KB),
 *   small enough that parsing one page stays well under a second and ~100 MB of heap.
 *   A bigger input is cut there; its first part is read and `truncated` says 'bytes'.
 * - maxBlocks 5,000: a page with more blocks keeps its first 5,000.
 * - maxDepth 256: elements nested deeper are flattened into the element at depth 256.
 */
export const DEFAULT_LIMITS: Readonly<PageLimits> = Object.freeze({
  maxBytes: 4 * 1024 * 1024,
  maxBlocks: 5_000,
  maxDepth: 256,
});

/** Fills unset limits with the defaults; non-positive or non-finite values fall back too. */
export function resolveLimits(partial?: Partial<PageLimits>): PageLimits {
  const pick = (v: number | undefined, d: number): number =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : d;
  return {
    maxBytes: pick(partial?.maxBytes, DEFAULT_LIMITS.maxBytes),
    maxBlocks: pick(partial?.maxBlocks, DEFAULT_LIMITS.maxBlocks),
    maxDepth: pick(partial?.maxDepth, DEFAULT_LIMITS.maxDepth),
  };
}
