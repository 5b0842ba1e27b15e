/**
 * The compact form of PageResults embedded in the report: arrays instead of
 * objects (a 10,000-page report spends most of its bytes on block text, not keys)
 * and scores rounded to 3 decimals. The report's script reads the same layout.
 */
import { roundScore } from '../scorer/numbers.js';
import { describeTruncation } from '../scorer/truncation.js';
import type { BlockResult, PageResult, Truncation } from '../scorer/types.js';

/**
 * Where a block is: its CSS path, its [first, last] lines, or null. A CSS path that
 * shares a beginning with the previous block's path is sent as [shared length, rest]
 * (front coding: selectors of neighbouring blocks differ only at the end).
 */
export type CompactWhere = string | [number, string] | [number, number] | null;

/** [text, score, spam (1/0), where, reasons, hidden-by or null] */
export type CompactBlock = [string, number, 0 | 1, CompactWhere, string[], string | null];

/** A title that is spam or has reasons (it scored near its threshold): [text, score, reasons, spam (1/0)]. */
export type CompactTitle = [string, number, string[], 0 | 1];

/** A page a limit cut: [the note the report shows, the limits and what each kept]. */
export type CompactCut = [string, Truncation];

/** [file, url, score, spam (1/0), spamShare, lang, error or null, blocks, title worth showing or null, cut or null] */
export type CompactPage = [
  string | null,
  string | null,
  number,
  0 | 1,
  number,
  string | null,
  string | null,
  CompactBlock[],
  CompactTitle | null,
  CompactCut | null,
];

/** Rounds to 3 decimals, mapping non-finite numbers to 0. */
function round3(n: number): number {
  return roundScore(n, 3);
}

/** Shortest shared prefix worth front coding (shorter ones cost more than they save). */
const MIN_SHARED = 8;

function sharedLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** The compact form of one block; `previous` is the selector of the block before it on the page. */
export function compactBlock(b: BlockResult, previous: string | null = null): CompactBlock {
  let where: CompactWhere = b.lines ? [b.lines[0], b.lines[1]] : null;
  if (b.selector !== null) {
    const shared = previous === null ? 0 : sharedLength(previous, b.selector);
    where = shared >= MIN_SHARED ? [shared, b.selector.slice(shared)] : b.selector;
  }
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
    p.blocks.map((b, i) => compactBlock(b, i > 0 ? p.blocks[i - 1].selector : null)),
    p.title && (p.title.spam || p.title.reasons.length > 0) ? [p.title.text, round3(p.title.score), p.title.reasons, p.title.spam ? 1 : 0] : null,
    p.truncated ? [describeTruncation(p.truncated), p.truncated] : null,
  ];
}

/** Back from the compact form (used by tests to check the embedding round trip). */
export function expandPage(c: CompactPage): PageResult {
  const [file, url, score, spam, spamShare, lang, error, blocks, title, cut] = c;
  let previous: string | null = null;
  const page: PageResult = {
    file,
    url,
    score,
    spam: spam === 1,
    spamShare,
    lang,
    blocks: blocks.map(([text, bScore, bSpam, where, reasons, hidden]) => {
      let selector: string | null = null;
      let lines: [number, number] | null = null;
      if (typeof where === 'string') selector = where;
      else if (where !== null && typeof where[1] === 'string') selector = (previous ?? '').slice(0, where[0]) + where[1];
      else if (where !== null) lines = [where[0], where[1] as number];
      previous = selector;
      const block: BlockResult = { text, score: bScore, spam: bSpam === 1, selector, lines, reasons };
      if (hidden !== null) block.hidden = hidden;
      return block;
    }),
  };
  if (title) page.title = { text: title[0], score: title[1], spam: title[3] === 1, reasons: title[2] };
  if (error !== null) page.error = error;
  if (cut) page.truncated = cut[1];
  return page;
}
