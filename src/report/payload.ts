/**
 * The compact form of PageResults embedded in the report: arrays instead of
 * objects (a 10,000-page report spends most of its bytes on block text, not keys)
 * and scores rounded to 3 decimals. The report's script reads the same layout.
 */
import type { BlockResult, PageResult } from '../scorer/types.js';

/** Where a block is: its CSS path, its [first, last] lines, or null. */
export type CompactWhere = string | [number, number] | null;

/** [text, score, spam (1/0), where, reasons, hidden-by or null] */
export type CompactBlock = [string, number, 0 | 1, CompactWhere, string[], string | null];

/** [file, url, score, spam (1/0), spamShare, lang, error or null, blocks] */
export type CompactPage = [string | null, string | null, number, 0 | 1, number, string | null, string | null, CompactBlock[]];

/** Rounds to 3 decimals, mapping non-finite numbers to 0. */
function round3(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 1000) / 1000 : 0;
}

/** The compact form of one block. */
export function compactBlock(b: BlockResult): CompactBlock {
  const where: CompactWhere = b.selector ?? (b.lines ? [b.lines[0], b.lines[1]] : null);
  return [b.text, round3(b.score), b.spam ? 1 : 0, where, b.reasons, b.hidden ?? null];
}

/** The compact form of one page. */
export function compactPage(p: PageResult): CompactPage {
  return [
    p.file,
    p.url ?? null,
    round3(p.score),
    p.spam ? 1 : 0,
    round3(p.spamShare),
    p.lang ?? null,
    p.error ?? null,
    p.blocks.map(compactBlock),
  ];
}

/** Back from the compact form (used by tests to check the embedding round trip). */
export function expandPage(c: CompactPage): PageResult {
  const [file, url, score, spam, spamShare, lang, error, blocks] = c;
  const page: PageResult = {
    file,
    url,
    score,
    spam: spam === 1,
    spamShare,
    lang,
    blocks: blocks.map(([text, bScore, bSpam, where, reasons, hidden]) => {
      const block: BlockResult = {
        text,
        score: bScore,
        spam: bSpam === 1,
        selector: typeof where === 'string' ? where : null,
        lines: Array.isArray(where) ? [where[0], where[1]] : null,
        reasons,
      };
      if (hidden !== null) block.hidden = hidden;
      return block;
    }),
  };
  if (error !== null) page.error = error;
  return page;
}
