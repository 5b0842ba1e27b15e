import { describeError } from '../errors.js';
import { errorResult } from './error-result.js';
import type { IdResult, PageScorer, ScalePage } from './types.js';

/** Scores one page and returns its result with the page id first; an unexpected scorer failure becomes an error result. */
export function scorePage(scorer: PageScorer, page: ScalePage): IdResult {
  const file = page.id;
  try {
    const result = scorer.score(page.content, {
      file,
      ...(page.url !== undefined ? { url: page.url } : {}),
      ...(page.contentType !== undefined ? { contentType: page.contentType } : {}),
      ...(page.kind !== undefined ? { kind: page.kind } : {}),
    });
    return { id: page.id, ...result };
  } catch (err) {
    return { id: page.id, ...errorResult(file, describeError(err, file)) };
  }
}
