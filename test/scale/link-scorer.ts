/**
 * A small real scorer for plumbing tests: it decodes the page (charset from the
 * Content-Type, as the real scorer does), strips tags, and scores by the share of
 * links among words. It stands in only where no trained model is needed.
 */
import type { PageResult, ScoreOptions } from '../../src/scorer/types.js';
import type { PageScorer } from '../../src/scale/types.js';

function charsetOf(contentType: string | undefined): string {
  const m = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : 'utf-8';
}

export class LinkScorer implements PageScorer {
  calls = 0;
  readonly seen: ScoreOptions[] = [];

  score(content: Uint8Array | string, options: ScoreOptions = {}): PageResult {
    this.calls += 1;
    this.seen.push(options);
    const raw = typeof content === 'string' ? content : new TextDecoder(charsetOf(options.contentType)).decode(content);
    const isHtml = options.kind === 'html' || (options.kind !== 'text' && /<[a-z!]/i.test(raw));
    const links = isHtml ? (raw.match(/<a\s/gi) ?? []).length : (raw.match(/https?:\/\//g) ?? []).length;
    const text = (isHtml ? raw.replace(/<[^>]*>/g, ' ') : raw).replace(/\s+/g, ' ').trim();
    const score = links / (links + 3);
    const spam = score >= 0.5;
    return {
      file: options.file ?? null,
      url: options.url ?? null,
      score,
      spam,
      spamShare: spam ? 1 : 0,
      blocks: [{ text, score, spam, selector: isHtml ? 'html > body' : null, lines: isHtml ? null : [0, 0], reasons: spam ? [`${links} links`] : [] }],
    };
  }
}
