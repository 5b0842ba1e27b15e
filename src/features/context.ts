/**
 * Context: how the block sits in its page — is it about what the page is about (title,
 * main text), where it is, whether it is hidden or a heading — and how often it uses the
 * vocabulary of SEO services, gambling and pharma (as features, never rules on their own).
 */
import type { BlockEvidence } from './types.js';
import type { BlockInput, FeatureFamily, PageFacts, PageVocabulary } from './family.js';
import { finite } from './family.js';
import { tokenizeText } from './tokenize.js';
import { isContent, wordFlags } from './word-flags.js';
import { GAMBLING_LATIN, GAMBLING_ZH, PHARMA_LATIN, PHARMA_ZH, SEO_LATIN, SEO_ZH } from './data/vocabulary.js';

/** Longest blocks taken as the page's main text. */
export const MAIN_BLOCKS = 3;
/** Characters scanned for vocabulary per block. */
const MAX_VOCAB_CHARS = 20_000;
/** Vocabulary words kept as evidence. */
const MAX_VOCAB_EVIDENCE = 8;

export const CONTEXT_COLUMNS = [
  /** cosine similarity of the block's content words to the page title's */
  'ctx_title_sim',
  /** cosine similarity of the block's content words to the page's 3 longest blocks (the block itself left out) */
  'ctx_main_sim',
  /** position in the page: block index / (blocks - 1) */
  'ctx_position',
  /** 1 when the page's CSS hides the block */
  'ctx_hidden',
  /** 1 for a heading block */
  'ctx_heading',
  /** 1 when the block lies inside nav, header, footer or aside (page furniture) */
  'ctx_furniture',
  /** log(1 + block length in characters) */
  'ctx_len_log',
  /** SEO-service / link-selling vocabulary hits per word (words floored at 5) */
  'ctx_vocab_seo',
  /** gambling vocabulary hits per word (words floored at 5) */
  'ctx_vocab_gambling',
  /** pharma and gray-market goods vocabulary hits per word (words floored at 5) */
  'ctx_vocab_pharma',
] as const;

type Category = 'seo' | 'gambling' | 'pharma';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function byLength(a: string, b: string): number {
  return b.length - a.length;
}

const CATEGORY = new Map<string, Category>();
function register(words: readonly string[], cat: Category): void {
  for (const w of words) if (!CATEGORY.has(w)) CATEGORY.set(w, cat);
}
register(SEO_ZH, 'seo');
register(SEO_LATIN, 'seo');
register(GAMBLING_ZH, 'gambling');
register(GAMBLING_LATIN, 'gambling');
register(PHARMA_ZH, 'pharma');
register(PHARMA_LATIN, 'pharma');

const ZH_WORDS = [...SEO_ZH, ...GAMBLING_ZH, ...PHARMA_ZH].sort(byLength);
/** Chinese entries as substrings, one pass (run only on blocks with Han characters). */
const VOCAB_ZH = new RegExp(ZH_WORDS.map(escape).join('|'), 'gu');
/** Latin entries as word sequences (matched on the block's tokens): phrase → category, and the longest phrase. */
const LATIN_PHRASES = new Set<string>([...SEO_LATIN, ...GAMBLING_LATIN, ...PHARMA_LATIN]);
const LATIN_FIRST_WORDS = new Set<string>([...LATIN_PHRASES].map((p) => p.split(' ')[0] as string));
const MAX_PHRASE_WORDS = Math.max(...[...LATIN_PHRASES].map((p) => p.split(' ').length));

export interface VocabularyHits {
  seo: number;
  gambling: number;
  pharma: number;
  words: string[];
}

function hit(hits: VocabularyHits, word: string): void {
  const cat = CATEGORY.get(word);
  if (!cat) return;
  hits[cat]++;
  if (hits.words.length < MAX_VOCAB_EVIDENCE && !hits.words.includes(word)) hits.words.push(word);
}

/**
 * Vocabulary words in a block: Chinese entries found in the text (case-insensitive), Latin
 * entries as whole-word sequences of its tokens, the longest phrase first.
 */
export function vocabularyHits(text: string, words: readonly string[]): VocabularyHits {
  const hits: VocabularyHits = { seo: 0, gambling: 0, pharma: 0, words: [] };
  if (HAS_HAN.test(text)) {
    const lower = (text.length > MAX_VOCAB_CHARS ? text.slice(0, MAX_VOCAB_CHARS) : text).toLowerCase();
    VOCAB_ZH.lastIndex = 0;
    for (let m = VOCAB_ZH.exec(lower); m; m = VOCAB_ZH.exec(lower)) hit(hits, m[0]);
  }
  const n = Math.min(words.length, MAX_VOCAB_CHARS);
  for (let i = 0; i < n; i++) {
    if (!LATIN_FIRST_WORDS.has(words[i] as string)) continue;
    for (let len = Math.min(MAX_PHRASE_WORDS, n - i); len >= 1; len--) {
      const phrase = len === 1 ? (words[i] as string) : words.slice(i, i + len).join(' ');
      if (LATIN_PHRASES.has(phrase)) {
        hit(hits, phrase);
        i += len - 1;
        break;
      }
    }
  }
  return hits;
}

/**
 * Content-word bags over the page vocabulary (stop words and numbers left out), with no
 * Map per block: each block's bag is a run [bagStart[b], bagStart[b + 1]) of (word id, count)
 * pairs in two page-wide arrays; the title's and the main text's bags are dense counts by
 * word id. Counts are integers, so dot products and squared norms are exact in any order.
 */
interface PagePrep {
  bagStart: Int32Array;
  bagIds: Int32Array;
  bagCounts: Int32Array;
  norms: Float64Array;
  title: Int32Array;
  titleNorm: number;
  /** Indices of the main blocks, and the main bag (their sum). */
  main: number[];
  mainBag: Int32Array;
  mainNormSq: number;
  mainNorm: number;
}

const prepared = new WeakMap<PageFacts, PagePrep>();

function prepare(facts: PageFacts): PagePrep {
  const hit = prepared.get(facts);
  if (hit) return hit;
  const { vocab } = facts;
  // The title joins the page vocabulary first, so every array below covers its words too.
  const titleIds = vocab.ids(tokenizeText(facts.page.title.slice(0, 1000), facts.settings));
  const size = vocab.size;
  // Content words: neither stop words nor numbers.
  const flags = wordFlags(vocab);
  const title = new Int32Array(size);
  let titleSq = 0;
  for (const id of titleIds) if (isContent(flags[id] as number)) title[id] = (title[id] as number) + 1;
  for (let id = 0; id < size; id++) titleSq += title[id]! * title[id]!;

  const blocks = facts.tokens.length;
  let totalWords = 0;
  for (const ids of facts.ids) totalWords += ids.length;
  const bagStart = new Int32Array(blocks + 1);
  const bagIds = new Int32Array(totalWords);
  const bagCounts = new Int32Array(totalWords);
  const norms = new Float64Array(blocks);
  // slot[id] = index into bagIds of the id in the current block, valid where stampOf[id] === b + 1.
  const slot = new Int32Array(size);
  const stampOf = new Int32Array(size);
  let k = 0;
  for (let b = 0; b < blocks; b++) {
    bagStart[b] = k;
    const ids = facts.ids[b] as Int32Array;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (!isContent(flags[id] as number)) continue;
      if (stampOf[id] !== b + 1) {
        stampOf[id] = b + 1;
        slot[id] = k;
        bagIds[k] = id;
        bagCounts[k] = 1;
        k++;
      } else bagCounts[slot[id] as number]++;
    }
    let sq = 0;
    for (let j = bagStart[b] as number; j < k; j++) sq += bagCounts[j]! * bagCounts[j]!;
    norms[b] = Math.sqrt(sq);
  }
  bagStart[blocks] = k;

  const order = facts.page.blocks
    .map((b, i) => ({ i, chars: b.hidden ? 0 : b.chars }))
    .sort((a, b) => b.chars - a.chars)
    .slice(0, MAIN_BLOCKS)
    .filter((x) => x.chars > 0)
    .map((x) => x.i);
  const mainBag = new Int32Array(size);
  for (const b of order) for (let j = bagStart[b] as number; j < (bagStart[b + 1] as number); j++) mainBag[bagIds[j]!] += bagCounts[j]!;
  let mainSq = 0;
  for (let id = 0; id < size; id++) mainSq += mainBag[id]! * mainBag[id]!;
  const prep: PagePrep = {
    bagStart, bagIds, bagCounts, norms,
    title, titleNorm: Math.sqrt(titleSq),
    main: order, mainBag, mainNormSq: mainSq, mainNorm: Math.sqrt(mainSq),
  };
  prepared.set(facts, prep);
  return prep;
}

/** Cosine of block b's bag to a dense bag. */
function cosineTo(prep: PagePrep, b: number, dense: Int32Array, denseNorm: number): number {
  const norm = prep.norms[b] as number;
  if (norm === 0 || denseNorm === 0) return 0;
  let dot = 0;
  for (let j = prep.bagStart[b] as number; j < (prep.bagStart[b + 1] as number); j++) dot += prep.bagCounts[j]! * dense[prep.bagIds[j]!]!;
  return dot / (norm * denseNorm);
}

/** Cosine of the block's bag to the main bag with the block's own counts taken out. */
function mainSimilarity(prep: PagePrep, position: number): number {
  const ownNorm = prep.norms[position] as number;
  if (ownNorm === 0) return 0;
  if (!prep.main.includes(position)) return cosineTo(prep, position, prep.mainBag, prep.mainNorm);
  // rest = main − own (own is one of the main blocks, so no count goes below 0).
  let dot = 0;
  let restSq = prep.mainNormSq;
  for (let j = prep.bagStart[position] as number; j < (prep.bagStart[position + 1] as number); j++) {
    const c = prep.bagCounts[j]!;
    const m = prep.mainBag[prep.bagIds[j]!]!;
    dot += c * (m - c);
    restSq -= m * m - (m - c) * (m - c);
  }
  const restNorm = Math.sqrt(restSq);
  if (restNorm === 0) return 0;
  return dot / (ownNorm * restNorm);
}

const HAS_HAN = /\p{Script=Han}/u;
const FURNITURE = new Set(['nav', 'header', 'footer', 'aside']);

function compute(input: BlockInput, out: Float32Array, offset: number, evidence: BlockEvidence): void {
  const { block, position, facts, tokens } = input;
  const prep = prepare(facts);
  const blocks = facts.page.blocks.length;
  const vocab = vocabularyHits(tokens.joined, tokens.words);
  const perWord = Math.max(tokens.words.length, 5);
  if (vocab.words.length > 0) evidence.vocabulary = vocab.words;
  if (block.hidden && block.hiddenBy) evidence.hiddenBy = block.hiddenBy;
  let furniture = block.tag === 'nav' || block.tag === 'footer' || block.tag === 'header' || block.tag === 'aside';
  for (let i = 0; i < block.ancestors.length && !furniture; i++) if (FURNITURE.has(block.ancestors[i] as string)) furniture = true;
  const v = [
    cosineTo(prep, position, prep.title, prep.titleNorm),
    mainSimilarity(prep, position),
    blocks > 1 ? position / (blocks - 1) : 0,
    block.hidden ? 1 : 0,
    block.heading ? 1 : 0,
    furniture ? 1 : 0,
    Math.log1p(block.chars),
    vocab.seo / perWord,
    vocab.gambling / perWord,
    vocab.pharma / perWord,
  ];
  for (let i = 0; i < v.length; i++) out[offset + i] = finite(v[i] as number);
}

export const contextFamily: FeatureFamily = {
  name: 'context',
  columns: CONTEXT_COLUMNS,
  compute,
};
