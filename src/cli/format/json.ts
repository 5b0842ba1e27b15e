/**
 * Machine output: the JSON object per page that ../shared/corpus/README.md specifies
 * (file, score, spam, blocks[text, score, spam, selector, lines, reasons]), keys in
 * that order, then our extra fields.
 */
import type { PageResult } from '../../scorer/types.js';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** The page result as a plain object with the contract's keys first. */
export function toContractObject(r: PageResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    file: r.file,
    score: round(r.score),
    spam: r.spam,
    blocks: r.blocks.map((b) => {
      const block: Record<string, unknown> = {
        text: b.text,
        score: round(b.score),
        spam: b.spam,
        selector: b.selector,
        lines: b.lines,
        reasons: b.reasons,
      };
      if (b.hidden) block.hidden = b.hidden;
      return block;
    }),
    spamShare: round(r.spamShare),
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
