import { describeError } from '../errors.js';
import { errorResult } from './error-result.js';
import type { IdResult, PageScorer, ScalePage } from './types.js';

/** Scores one page and returns its result with the page id first; lets a scorer failure through. */
export function scorePageOrThrow(scorer: PageScorer, page: ScalePage): IdResult {
  const result = scorer.score(page.content, {
    file: page.id,
    ...(page.url !== undefined ? { url: page.url } : {}),
    ...(page.contentType !== undefined ? { contentType: page.contentType } : {}),
    ...(page.kind !== undefined ? { kind: page.kind } : {}),
  });
  return { id: page.id, ...result };
}

/** Like scorePageOrThrow, but a scorer failure becomes an error result. */
export function scorePage(scorer: PageScorer, page: ScalePage): IdResult {
  try {
    return scorePageOrThrow(scorer, page);
  } catch (err) {
    return { id: page.id, ...errorResult(page.id, describeError(err, page.id)) };
  }
}
