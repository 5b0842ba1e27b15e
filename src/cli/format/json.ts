/**
 * Machine output: the JSON object per page that ../shared/corpus/README.md specifies
 * (file, score, spam, blocks[text, score, spam, selector, lines, reasons]), keys in
 * that order, then our extra fields.
 */
import { roundedResult } from '../../scorer/numbers.js';
import type { PageResult } from '../../scorer/types.js';

/** The page result as a plain object with the contract's keys first. */
export function toContractObject(result: PageResult): Record<string, unknown> {
  const r = roundedResult(result);
  const out: Record<string, unknown> = {
    file: r.file,
    score: r.score,
    spam: r.spam,
    blocks: r.blocks.map((b) => {
      const block: Record<string, unknown> = {
        text: b.text,
        score: b.score,
        spam: b.spam,
        selector: b.selector,
        lines: b.lines,
        reasons: b.reasons,
      };
      if (b.hidden) block.hidden = b.hidden;
      return block;
    }),
    spamShare: r.spamShare,
  };
  // Fields beyond the contract (url, lang, error, a WARC record id, a stream id) follow, when set.
  for (const [key, value] of Object.entries(r)) {
    if (!(key in out) && value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** One line of JSON Lines. */
export function jsonLine(r: PageResult): string {
  return JSON.stringify(toContractObject(r)) + '\n';
}
