import { describeError } from '../errors.js';
import { errorResult } from './error-result.js';
import type { ScoreOptions } from '../scorer/types.js';
import type { AsyncPageScorer, IdResult, PageScorer, ScalePage } from './types.js';

/** The scorer options for a page: its id as the file name, URL, Content-Type and kind. */
function optionsOf(page: ScalePage): ScoreOptions {
  return {
    file: page.id,
    ...(page.url !== undefined ? { url: page.url } : {}),
    ...(page.contentType !== undefined ? { contentType: page.contentType } : {}),
    ...(page.kind !== undefined ? { kind: page.kind } : {}),
  };
}

/** Scores one page and returns its result with the page id first; lets a scorer failure through. */
export function scorePageOrThrow(scorer: PageScorer, page: ScalePage): IdResult {
  return { id: page.id, ...scorer.score(page.content, optionsOf(page)) };
}

/** scorePageOrThrow for a scorer that may answer later (a worker-thread pool). */
export async function scorePageAsync(scorer: AsyncPageScorer, page: ScalePage): Promise<IdResult> {
  return { id: page.id, ...(await scorer.score(page.content, optionsOf(page))) };
}

/** Like scorePageOrThrow, but a scorer failure becomes an error result. */
export function scorePage(scorer: PageScorer, page: ScalePage): IdResult {
  try {
    return scorePageOrThrow(scorer, page);
  } catch (err) {
    return { id: page.id, ...errorResult(page.id, describeError(err, page.id)) };
  }
}
