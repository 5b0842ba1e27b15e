/**
 * Reasons in words: why a block scored as spam. Each reason comes from a feature
 * that sits outside the range seen on clean training blocks (meta.cleanRanges), in
 * the direction that marks spam, or from evidence the features kept (the template,
 * the hiding style, the vocabulary). The feature definitions live in src/features;
 * this module only phrases them.
 */
import type { BlockEvidence } from '../features/types.js';
import type { FeatureRange } from '../model/index.js';
import { formatThreshold } from './numbers.js';

type Phrase = (value: number, ev: BlockEvidence) => string | null;

interface ReasonRule {
  column: string;
  /** Which side of the clean range marks spam. */
  side: 'high' | 'low';
  phrase: Phrase;
  /**
   * How the phrase already shows the feature's value (`pct`: as a percentage, `num`: as a
   * number), so `--explain` adds only the clean range, in the same units; absent: it adds the value too.
   */
  shows?: 'pct' | 'num';
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

const RULES: readonly ReasonRule[] = [
  {
    column: 'tpl_skeleton_share',
    side: 'high',
    phrase: (_v, ev) =>
      ev.template && (ev.templateItems ?? 0) >= 3
        ? `${ev.templateItems} of ${ev.items ?? ev.templateItems} items share the template \`${ev.template}\``
        : null,
    shows: 'pct',
  },
  {
    column: 'tpl_affix_share',
    side: 'high',
    phrase: (v, ev) => (ev.sharedAffix ? `${pct(v)} of items share the word \`${ev.sharedAffix}\`` : null),
    shows: 'pct',
  },
  { column: 'tpl_num_phrase_share', side: 'high', phrase: (v) => `numbers inside phrases in ${pct(v)} of items`, shows: 'pct' },
  {
    column: 'place_item_share',
    side: 'high',
    phrase: (v, ev) => ((ev.placeItems ?? 0) >= 2 ? `${pct(v)} of items start with a place name (${ev.placeItems} items)` : null),
    shows: 'pct',
  },
  {
    column: 'gib_word_share',
    side: 'high',
    phrase: (v, ev) => (ev.gibberish ? `${pct(v)} of words are random letter strings (\`${ev.gibberish}\`)` : null),
    shows: 'pct',
  },
  { column: 'link_text_share', side: 'high', phrase: (v) => `link text ${pct(v)} of block`, shows: 'pct' },
  { column: 'link_keyword_anchor_share', side: 'high', phrase: (v) => `${pct(v)} of anchors are keyword phrases`, shows: 'pct' },
  { column: 'link_keyword_part_share', side: 'high', phrase: (v) => `${pct(v)} of items are keyword phrases`, shows: 'pct' },
  { column: 'link_external_share', side: 'high', phrase: (v) => `${pct(v)} of links leave the site`, shows: 'pct' },
  { column: 'link_hosts_log', side: 'high', phrase: (v) => `links to ${Math.round(Math.expm1(v))} different sites` },
  { column: 'link_repeat_anchor_share', side: 'high', phrase: (v) => `${pct(v)} of anchors repeat another anchor`, shows: 'pct' },
  {
    column: 'rep_top_token_share',
    side: 'high',
    phrase: (v, ev) =>
      ev.topToken && (ev.topTokenCount ?? 0) >= 3
        ? `\`${ev.topToken}\` repeated ${ev.topTokenCount} times (${pct(v)} of words)`
        : null,
    shows: 'pct',
  },
  { column: 'rep_top_2gram_chars', side: 'high', phrase: (v) => `one word pair covers ${pct(v)} of the text`, shows: 'pct' },
  { column: 'rep_dup_5gram_chars', side: 'high', phrase: (v) => `repeated word runs cover ${pct(v)} of the text`, shows: 'pct' },
  { column: 'rep_dup_part_share', side: 'high', phrase: (v) => `${pct(v)} of items are duplicates`, shows: 'pct' },
  { column: 'rep_compression_ratio', side: 'low', phrase: (v) => `text compresses to ${pct(v)} of its size (repetitive)`, shows: 'pct' },
  { column: 'ctx_hidden', side: 'high', phrase: (_v, ev) => `hidden by ${ev.hiddenBy ?? 'CSS'}` },
  {
    column: 'ctx_vocab_gambling',
    side: 'high',
    phrase: (_v, ev) => (ev.vocabulary?.length ? `spam vocabulary: ${ev.vocabulary.slice(0, 4).join(', ')}` : null),
  },
  {
    column: 'ctx_vocab_seo',
    side: 'high',
    phrase: (_v, ev) => (ev.vocabulary?.length ? `spam vocabulary: ${ev.vocabulary.slice(0, 4).join(', ')}` : null),
  },
  {
    column: 'ctx_vocab_pharma',
    side: 'high',
    phrase: (_v, ev) => (ev.vocabulary?.length ? `spam vocabulary: ${ev.vocabulary.slice(0, 4).join(', ')}` : null),
  },
  { column: 'ctx_main_sim', side: 'low', phrase: (v) => `off the page's topic (similarity to the main text ${v.toFixed(2)})`, shows: 'num' },
  { column: 'ctx_title_sim', side: 'low', phrase: (v) => `unrelated to the page title (similarity ${v.toFixed(2)})`, shows: 'num' },
  { column: 'lang_stop_share', side: 'low', phrase: (v) => `few function words (${pct(v)}), not prose`, shows: 'pct' },
  { column: 'lang_end_punct_per_100', side: 'low', phrase: () => `no sentence punctuation` },
  { column: 'lang_short_part_share', side: 'high', phrase: (v) => `${pct(v)} of items are very short`, shows: 'pct' },
];

export interface ReasonContext {
  columns: readonly string[];
  cleanRanges: Record<string, FeatureRange>;
  /** Add each reason's feature value and the clean range. */
  explain: boolean;
  /** At most this many reasons. */
  max: number;
}

/** Precomputed column positions for one model, so each block costs a few comparisons. */
export class ReasonWriter {
  private readonly rules: Array<ReasonRule & { index: number; range: FeatureRange }>;

  constructor(private readonly ctx: ReasonContext) {
    this.rules = [];
    for (const rule of RULES) {
      const index = ctx.columns.indexOf(rule.column);
      const range = ctx.cleanRanges[rule.column];
      if (index >= 0 && range) this.rules.push({ ...rule, index, range });
    }
  }

  /**
   * Reasons for one spam block (or title), most telling first. Two rules phrased alike
   * (the vocabulary lists) give one reason. When no feature stands out, `fallback`
   * (the score against the threshold) is the reason, so a flagged block always has one.
   */
  reasons(row: Float32Array, ev: BlockEvidence, fallback?: string): string[] {
    const found: Array<{ text: string; detail: string; weight: number }> = [];
    for (const rule of this.rules) {
      const v = row[rule.index];
      const { p5, p95 } = rule.range;
      const spread = Math.max(p95 - p5, 1e-3);
      const beyond = rule.side === 'high' ? (v - p95) / spread : (p5 - v) / spread;
      if (!(beyond > 0)) continue;
      const text = rule.phrase(v, ev);
      if (!text) continue;
      found.push({ text, detail: this.ctx.explain ? explainDetail(rule, v, p5, p95) : '', weight: beyond });
    }
    found.sort((a, b) => b.weight - a.weight);
    const seen = new Set<string>();
    const out: string[] = [];
    for (const f of found) {
      if (out.length >= this.ctx.max) break;
      if (seen.has(f.text)) continue;
      seen.add(f.text);
      out.push(f.text + f.detail);
    }
    if (out.length === 0 && fallback) out.push(fallback);
    return out;
  }
}

/** A flagged block's reason when no feature stands out: its shown score against the verdict line that flagged it. */
export function scoreReason(score: number, line: number, what: string): string {
  const s = score.toFixed(3);
  const t = formatThreshold(line);
  return score >= line
    ? `the model scores it ${s}, at or over the ${what}'s verdict line ${t} (no single feature stands out)`
    : `the model scores it ${s}, under the verdict line ${t}, and the page's rollup flags it`;
}

/** How far under the verdict line a title's shown score may be and still be shown with reasons (not flagged). */
export const TITLE_NEAR_MARGIN = 0.1;

/** The first reason of a title shown though not flagged: how near the verdict line it came. */
export function nearTitleReason(score: number, line: number): string {
  return `scores ${score.toFixed(3)}, under the verdict line ${formatThreshold(line)}: not flagged`;
}

/**
 * What `--explain` adds to a reason: the feature's name, its value unless the phrase shows it
 * already, and the range of the middle 90% of clean blocks, in the phrase's units (one value
 * when that range is one value).
 */
function explainDetail(rule: ReasonRule, v: number, p5: number, p95: number): string {
  const unit = rule.shows === 'pct' ? pct : fmt;
  const lo = unit(p5);
  const hi = unit(p95);
  const range = lo === hi ? `90% of clean blocks at ${lo}` : `clean blocks ${lo}–${hi}`;
  return rule.shows ? ` [${rule.column}; ${range}]` : ` [${rule.column} = ${fmt(v)}; ${range}]`;
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3);
}
