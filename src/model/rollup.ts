/**
 * From block scores to a page verdict — the one rule eval and the scorer share.
 *
 * A block is spam when its score reaches the threshold. The page score is the
 * highest score among blocks of at least `minChars` characters, so a tiny block —
 * a lone "»" or a price — cannot make a page spam alone. A run of adjacent blocks
 * that together reach `minChars` counts with the lowest score in it (a link farm
 * split into one block per anchor). When nothing counts, the highest of all
 * blocks is the page score. The page is spam when its score reaches the
 * threshold. `spamShare` is the share of the page's characters in spam blocks.
 *
 * The page title, scored by the same model as a one-line block, is judged against
 * its own `titleThreshold` (titles are short and read without their page, so their
 * scores sit apart from the blocks'). A spam title makes the page spam, and its score
 * enters the page score mapped so that `titleThreshold` lands on `threshold`.
 *
 * A long block (`longBlocks.minChars` characters or more) is judged against its own, lower
 * `longBlocks.threshold` when the model has one (train sets it on dev by the same precision
 * target, over long blocks alone: a long block gives the network more text to judge, and a
 * clean one rarely scores as high as a long spam list). Its score enters the page score
 * mapped as the title's is.
 *
 * A spam page that is spam all over — at least `wholePage.share` of its content text (the
 * characters of blocks that are not page furniture: page/furniture.ts) lies in blocks
 * scoring `wholePage.minScore` or more, and `wholePage.blockShare` of its content blocks
 * score that — is a page that exists for search engines (a
 * spider-pool or doorway page, which the labels mark `spam.all`: nearly all of its main
 * text is spam): every content block of it is spam, also those that alone read like
 * ordinary furniture of the generated site ("上一篇", a date line, a guide's headings).
 * Models trained before 2026-12-06 count content blocks instead of characters (`by`).
 *
 * Two rules read more of a block than its score, from the caller's `BlockFacts` (a rule
 * without its facts does not apply; models before 2026-12-06 have neither):
 *  - random-letter lists (`randomLetters`, random-letters.ts): a block whose words are random
 *    letter strings is spam from the rule's own, lower score, mapped onto the block scale as
 *    a long block's is;
 *  - link tables (`tableCells`): a link table cut one block per cell is one list, and a cell
 *    of four characters ("荆门目标") gives the network little to read. So a table's cells count
 *    together towards `minChars`, best first (its score for the page is the lowest score among
 *    its best cells that together reach minChars), and on a spam page, when one cell of a table
 *    is spam, the table's other short cells scoring `minScore` or more are spam too.
 */
import type { RandomLetterRule } from './random-letters.js';

export interface RollupSettings {
  threshold: number;
  /** Blocks shorter than this cannot alone decide the page score (unless all are). */
  minChars: number;
  /** Title score from which the title is spam; absent: titles are not judged (models before it). */
  titleThreshold?: number;
  /** The spam-page rule; absent: off (models before it). */
  wholePage?: WholePageRule;
  /** The threshold of long blocks; absent: long blocks are judged like the rest (models before it). */
  longBlocks?: LongBlockRule;
  /** The random-letter rule; absent: off (models before it). */
  randomLetters?: RandomLetterRule;
  /** The link-table rule; absent: off (models before it). */
  tableCells?: TableCellRule;
}

/** When the other cells of a table holding a spam cell are spam too. */
export interface TableCellRule {
  /** The cell's score from which it is spam, on the shown scale (0.5 is the verdict line). */
  minScore: number;
  /** Cells of this many characters or more are judged alone. */
  maxChars: number;
}

/**
 * The rule `train` records in new models: cells under 100 characters scoring 0.5 or more. On
 * synthetic dev seeds 4 and 5 spreading over a table lifted block F1 0.953 → 0.963 and
 * 0.939 → 0.977 with the session-9 model, flagging no clean block there, and changed no
 * verdict on the real corpus; counting cells together for the page changed nothing there
 * with that model and caught two more seed-5 link-table pages with another.
 */
export const DEFAULT_TABLE_CELLS: TableCellRule = { minScore: 0.25, maxChars: 100 };

/** What the rollup reads of a page's blocks besides scores and sizes. */
export interface BlockFacts {
  /** Per block, the table it is a cell of (page/siblings.ts cellTables), -1 for none. */
  tables?: ArrayLike<number>;
  /** Per block, whether its words are random letter strings (random-letters.ts randomLetterBlocks). */
  randomLetters?: ArrayLike<boolean>;
}

/** Blocks of at least minChars characters are spam from `threshold` (or the block threshold, when that is lower). */
export interface LongBlockRule {
  minChars: number;
  threshold: number;
}

/**
 * Characters from which `train` gives blocks a threshold of their own. 60 since 2026-12-06
 * (was 100): with the same weights, the threshold chosen over 60+ character blocks (0.977)
 * caught one more real train spam page (28 of 33), raised real train block F1 0.849 → 0.869
 * and real dev 0.263 → 0.270, and moved synthetic dev seeds 4, 5 and 2 by ±0.0004.
 */
export const LONG_BLOCK_CHARS = 60;

/** When a spam page counts as spam all over, making all its content blocks spam. */
export interface WholePageRule {
  /** Share of the content (characters, or blocks: see `by`) that must be in blocks scoring at least minScore. */
  share: number;
  /** On the shown scale (0.5 is the verdict line). */
  minScore: number;
  /** What the share counts: content characters, or content blocks (absent: blocks, as models before it). */
  by?: 'chars' | 'blocks';
  /** With `by: 'chars'`, the share of content blocks that must score minScore or more too, so one huge block cannot carry a page (absent: 0). */
  blockShare?: number;
}

/**
 * The rule `train` records in new models: 70% of the content text in blocks scoring 0.5 or
 * more, and 40% of the content blocks. By characters, a doorway's short headings ("常见使用场景",
 * "FAQ 摘要") and a novel page's reader-settings lines no longer outvote its long spam
 * paragraphs, while a long clean article under one injected list stays a page with spam on
 * it; the block share keeps one huge high block (a 50,000-character blob among 136 low
 * blocks) from carrying a page. Chosen on synthetic dev seeds 4 and 5 and the real train
 * pages' scores, over three models (block F1 against 60% of blocks: seed 4 +0.012 to +0.015,
 * seed 5 +0.005 to +0.010, real train +0.005 to +0.066; characters alone lost up to 0.10 with
 * one of the models, through such blobs).
 */
export const DEFAULT_WHOLE_PAGE: WholePageRule = { share: 0.7, minScore: 0.25, by: 'chars', blockShare: 0.4 };

/** The rule of the rollup that made a block spam, recorded per block so a reader is told which. */
export type RollupPass = 'block threshold' | 'long-block threshold' | 'random-letter rule' | 'link-table rule' | 'spam-page rule';

export interface PageRollup {
  score: number;
  /** Per block: the rule that made it spam (the first, in the rollup's order), or null for a clean block. */
  decidedBy: Array<RollupPass | null>;
  /** Per block, the score the verdict read: the network's, or its long-block or random-letter judgement on the block scale (verdictScale's input). */
  judged: ArrayLike<number>;
  spam: boolean;
  /** Spam characters / all characters, 0 for an empty page. */
  spamShare: number;
  /** Per block: score >= threshold (or a rule's own score), a cell the link-table rule spreads to, or a content block of a page spam all over. */
  blockSpam: boolean[];
  /** The blocks the link-table rule made spam (cells under the threshold of a table holding a spam cell), in page order. */
  tableSpread: number[];
  /** When the page is spam all over (the wholePage rule fired): its content and how much of it scores minScore or more; else null. */
  wholePage: WholePageCounts | null;
  /** The title's score reached titleThreshold. */
  titleSpam: boolean;
}

/** A title score on the block scale: titleThreshold maps to threshold, 0 to 0 and 1 to 1, linearly on each side. */
export function titleOnBlockScale(titleScore: number, settings: RollupSettings): number {
  const { threshold, titleThreshold: tt } = settings;
  if (tt === undefined || !(titleScore > 0)) return 0;
  return onBlockScale(titleScore, tt, threshold);
}

/** A score judged against `own` on the scale of `threshold`: own maps to threshold, 0 to 0 and 1 to 1, linearly on each side. */
function onBlockScale(score: number, own: number, threshold: number): number {
  if (score >= own) return own >= 1 ? 1 : threshold + ((score - own) * (1 - threshold)) / (1 - own);
  return (score * threshold) / own;
}

/** The long-block rule when it applies to blocks of these settings (its threshold under the block threshold), else null. */
function activeLongRule(settings: RollupSettings): LongBlockRule | null {
  const long = settings.longBlocks;
  return long !== undefined && long.threshold < settings.threshold ? long : null;
}

/** Whether a block of this score and size is spam by the long-block threshold (whatever the block threshold says). */
export function spamByLength(score: number, chars: number, settings: RollupSettings): boolean {
  const long = activeLongRule(settings);
  return long !== null && chars >= long.minChars && score >= long.threshold;
}

/** The random-letter rule when it applies to blocks of these settings (its score under the block threshold), else null. */
function activeLetterRule(settings: RollupSettings): RandomLetterRule | null {
  const rule = settings.randomLetters;
  return rule !== undefined && rule.minScore < VERDICT_LINE ? rule : null;
}

/** Whether a block is spam by the random-letter rule (whatever the block threshold says). */
export function spamByRandomLetters(score: number, randomLetters: boolean, settings: RollupSettings): boolean {
  const rule = activeLetterRule(settings);
  return randomLetters && rule !== null && score >= fromVerdictScale(rule.minScore, settings);
}

/**
 * The block scores as the verdict reads them: long blocks' scores mapped from their own
 * threshold (when lower) to the block threshold, random-letter blocks' from the rule's score.
 */
function judgedScores(scores: ArrayLike<number>, chars: ArrayLike<number>, settings: RollupSettings, facts: BlockFacts): ArrayLike<number> {
  const long = activeLongRule(settings);
  const letterRule = activeLetterRule(settings);
  const letters = letterRule !== null ? facts.randomLetters : undefined;
  if (long === null && letters === undefined) return scores;
  const out = Float64Array.from(scores as ArrayLike<number>);
  for (let i = 0; i < out.length; i++) {
    if (long !== null && chars[i] >= long.minChars) out[i] = Math.max(out[i], onBlockScale(out[i], long.threshold, settings.threshold));
    if (letters?.[i]) out[i] = Math.max(out[i], onBlockScale(scores[i] as number, fromVerdictScale(letterRule!.minScore, settings), settings.threshold));
  }
  return out;
}

/** The verdict line on the shown scale. */
export const VERDICT_LINE = 0.5;

/**
 * A block-scale score on the scale a person is shown: the block threshold lands on 0.5, 0 on 0
 * and 1 on 1, linearly on each side, so a score of 0.5 or more reads as spam and under it as clean.
 */
export function onVerdictScale(score: number, settings: Pick<RollupSettings, 'threshold'>): number {
  const t = settings.threshold;
  if (score >= t) return t >= 1 ? 1 : VERDICT_LINE + ((score - t) * (1 - VERDICT_LINE)) / (1 - t);
  return t > 0 ? (score * VERDICT_LINE) / t : VERDICT_LINE;
}

/** The network score that shows as `v` on the verdict scale of this threshold (onVerdictScale's inverse): the rules' minScores are set on the shown scale, so they keep their meaning whatever a retrained model's threshold. */
export function fromVerdictScale(v: number, settings: Pick<RollupSettings, 'threshold'>): number {
  const t = settings.threshold;
  return v < VERDICT_LINE ? (v * t) / VERDICT_LINE : t + ((v - VERDICT_LINE) * (1 - t)) / (1 - VERDICT_LINE);
}

/** Every block's score as shown: judged by the threshold that applies to it (long blocks', random-letter lists'), on the verdict scale. */
export function verdictScale(scores: ArrayLike<number>, chars: ArrayLike<number>, settings: RollupSettings, facts: BlockFacts = {}): Float64Array {
  const judged = judgedScores(scores, chars, settings, facts);
  return Float64Array.from(judged as ArrayLike<number>, (s) => onVerdictScale(s, settings));
}

export const DEFAULT_MIN_CHARS = 12;

/**
 * Page score, verdict and spam share from block scores, block sizes (characters), the
 * title's score (0: none), which blocks are page furniture, by block index (asked only
 * of spam pages, when the wholePage rule is set; none given: the rule does not apply), and
 * the block facts the random-letter and link-table rules read.
 */
export function rollupPage(
  scores: ArrayLike<number>,
  chars: ArrayLike<number>,
  settings: RollupSettings,
  titleScore = 0,
  furniture?: (block: number) => boolean,
  facts: BlockFacts = {},
): PageRollup {
  const { threshold, minChars } = settings;
  const raw = scores;
  scores = judgedScores(raw, chars, settings, facts);
  let maxLong = -1;
  let maxAll = 0;
  let total = 0;
  let spamChars = 0;
  const blockSpam: boolean[] = new Array(scores.length);
  const decidedBy: Array<RollupPass | null> = new Array(scores.length).fill(null);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const c = chars[i];
    const spam = s >= threshold;
    blockSpam[i] = spam;
    if (spam) decidedBy[i] = raw[i] >= threshold ? 'block threshold' : spamByLength(raw[i], c, settings) ? 'long-block threshold' : 'random-letter rule';
    total += c;
    if (spam) spamChars += c;
    if (s > maxAll) maxAll = s;
    if (c >= minChars) {
      if (s > maxLong) maxLong = s;
      continue;
    }
    // A short block starts a run of following blocks until they reach minChars together.
    let run = c;
    let low = s;
    for (let j = i + 1; j < scores.length && run < minChars; j++) {
      run += chars[j];
      if (scores[j] < low) low = scores[j];
    }
    if (run >= minChars && low > maxLong) maxLong = low;
  }
  // A link table's cells count together, best first (link-table rule).
  if (settings.tableCells !== undefined && facts.tables !== undefined) maxLong = Math.max(maxLong, tableScore(scores, chars, facts.tables, minChars));
  const blockScore = maxLong >= 0 ? maxLong : maxAll;
  const titleSpam = settings.titleThreshold !== undefined && titleScore >= settings.titleThreshold;
  const score = Math.max(blockScore, titleOnBlockScale(titleScore, settings));
  const spamByBlocks = scores.length > 0 && blockScore >= threshold;
  const spam = titleSpam || spamByBlocks;
  // The spam-page rule counts the network's own scores.
  // The page-level rules read the network's own scores against their minScores (set on the shown scale). A title
  // alone does not make a body spam all over, and a long cell of a table is judged by itself.
  const ownText = settings.longBlocks?.minChars ?? LONG_BLOCK_CHARS;
  const wholeMin = settings.wholePage === undefined ? 1 : fromVerdictScale(settings.wholePage.minScore, settings);
  const wholePage =
    spamByBlocks && furniture !== undefined && settings.wholePage !== undefined
      ? spamAllOver(raw, chars, furniture, { ...settings.wholePage, minScore: wholeMin })
      : null;
  const tableSpread =
    spam && settings.tableCells !== undefined && facts.tables !== undefined
      ? spreadOverTables(raw, chars, blockSpam, facts.tables, { minScore: fromVerdictScale(settings.tableCells.minScore, settings), maxChars: Math.min(settings.tableCells.maxChars, ownText) })
      : [];
  for (const i of tableSpread) {
    blockSpam[i] = true;
    decidedBy[i] = 'link-table rule';
    spamChars += chars[i];
  }
  if (wholePage) {
    for (let i = 0; i < scores.length; i++) {
      // A long block the network reads as clean (under the rule's own minScore) keeps its verdict: that much text is judged by itself.
      if (blockSpam[i] || furniture!(i) || (chars[i] >= ownText && raw[i] < wholeMin)) continue;
      blockSpam[i] = true;
      decidedBy[i] = 'spam-page rule';
      spamChars += chars[i];
    }
  }
  return { score, spam, spamShare: total > 0 ? spamChars / total : 0, blockSpam, decidedBy, judged: scores, tableSpread, titleSpam, wholePage };
}

/** The best score a page can take from one table's cells: the lowest of its best cells that together reach minChars (-1: none reach it). */
function tableScore(scores: ArrayLike<number>, chars: ArrayLike<number>, tables: ArrayLike<number>, minChars: number): number {
  const cells = new Map<number, number[]>();
  for (let i = 0; i < scores.length; i++) {
    const t = tables[i]!;
    if (t < 0) continue;
    let list = cells.get(t);
    if (list === undefined) cells.set(t, (list = []));
    list.push(i);
  }
  let best = -1;
  for (const list of cells.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => scores[b]! - scores[a]!);
    let run = 0;
    for (const i of list) {
      run += chars[i]!;
      if (run >= minChars) {
        best = Math.max(best, scores[i]!);
        break;
      }
    }
  }
  return best;
}

/** The blocks the link-table rule makes spam: short cells scoring rule.minScore or more, of tables with a spam cell. */
function spreadOverTables(
  scores: ArrayLike<number>,
  chars: ArrayLike<number>,
  blockSpam: readonly boolean[],
  tables: ArrayLike<number>,
  rule: TableCellRule,
): number[] {
  const spamTables = new Set<number>();
  for (let i = 0; i < blockSpam.length; i++) if (blockSpam[i] && tables[i]! >= 0) spamTables.add(tables[i]!);
  const out: number[] = [];
  if (spamTables.size === 0) return out;
  for (let i = 0; i < blockSpam.length; i++) {
    if (!blockSpam[i] && spamTables.has(tables[i]!) && chars[i]! < rule.maxChars && scores[i]! >= rule.minScore) out.push(i);
  }
  return out;
}

/** How much of a page is content, and how much of it scores high: in blocks and in characters. */
export interface WholePageCounts {
  /** Content (non-furniture) blocks, and those scoring the rule's minScore or more. */
  content: number;
  high: number;
  /** Their characters. */
  contentChars: number;
  highChars: number;
}

/** The page's content counts when the high share reaches rule.share (by the rule's unit); else null. */
function spamAllOver(
  scores: ArrayLike<number>,
  chars: ArrayLike<number>,
  furniture: (block: number) => boolean,
  rule: WholePageRule,
): WholePageCounts | null {
  const c: WholePageCounts = { content: 0, high: 0, contentChars: 0, highChars: 0 };
  for (let i = 0; i < scores.length; i++) {
    if (furniture(i)) continue;
    c.content++;
    c.contentChars += chars[i] as number;
    if ((scores[i] as number) >= rule.minScore) {
      c.high++;
      c.highChars += chars[i] as number;
    }
  }
  if (c.content === 0) return null;
  if (rule.by !== 'chars') return c.high >= rule.share * c.content ? c : null;
  return c.highChars >= rule.share * c.contentChars && c.high >= (rule.blockShare ?? 0) * c.content ? c : null;
}
