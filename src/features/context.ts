/**
 * Context: how the block sits in its page — is it about what the page is about (title,
 * main text), where it is, whether it is hidden or a heading — and how often it uses the
 * vocabulary of SEO services, gambling and pharma (as features, never rules on their own).
 */
import type { BlockEvidence } from './types.js';
import type { BlockInput, FeatureFamily, PageFacts } from './family.js';
import { finite } from './family.js';
import { isStopWord } from './stopwords.js';
import { isNumberToken, tokenizeText } from './tokenize.js';
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

type Bag = Map<string, number>;

interface PagePrep {
  bags: Bag[];
  norms: number[];
  title: Bag;
  titleNorm: number;
  /** Indices of the main blocks, and the main bag (their sum). */
  main: number[];
  mainBag: Bag;
  mainNorm: number;
}

const prepared = new WeakMap<PageFacts, PagePrep>();

function contentBag(words: readonly string[], stop?: Uint8Array): Bag {
  const bag: Bag = new Map();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (stop ? stop[i] === 1 : isStopWord(w)) continue;
    if (isNumberToken(w)) continue;
    bag.set(w, (bag.get(w) ?? 0) + 1);
  }
  return bag;
}

function norm(bag: Bag): number {
  let s = 0;
  for (const c of bag.values()) s += c * c;
  return Math.sqrt(s);
}

function prepare(facts: PageFacts): PagePrep {
  const hit = prepared.get(facts);
  if (hit) return hit;
  const bags = facts.tokens.map((t) => contentBag(t.words, t.stop));
  const norms = bags.map(norm);
  const title = contentBag(tokenizeText(facts.page.title.slice(0, 1000), facts.settings));
  const order = facts.page.blocks
    .map((b, i) => ({ i, chars: b.hidden ? 0 : b.chars }))
    .sort((a, b) => b.chars - a.chars)
    .slice(0, MAIN_BLOCKS)
    .filter((x) => x.chars > 0)
    .map((x) => x.i);
  const mainBag: Bag = new Map();
  for (const i of order) for (const [w, c] of bags[i] as Bag) mainBag.set(w, (mainBag.get(w) ?? 0) + c);
  const prep: PagePrep = { bags, norms, title, titleNorm: norm(title), main: order, mainBag, mainNorm: norm(mainBag) };
  prepared.set(facts, prep);
  return prep;
}

function cosine(a: Bag, aNorm: number, b: Bag, bNorm: number): number {
  if (aNorm === 0 || bNorm === 0) return 0;
  let dot = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [w, c] of small) dot += c * (large.get(w) ?? 0);
  return dot / (aNorm * bNorm);
}

/** Cosine of the block's bag to the main bag with the block's own counts taken out. */
function mainSimilarity(prep: PagePrep, position: number): number {
  const own = prep.bags[position] as Bag;
  const ownNorm = prep.norms[position] as number;
  if (ownNorm === 0) return 0;
  if (!prep.main.includes(position)) return cosine(own, ownNorm, prep.mainBag, prep.mainNorm);
  const rest: Bag = new Map(prep.mainBag);
  for (const [w, c] of own) {
    const left = (rest.get(w) ?? 0) - c;
    if (left > 0) rest.set(w, left);
    else rest.delete(w);
  }
  return cosine(own, ownNorm, rest, norm(rest));
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
  for (const a of block.ancestors) if (FURNITURE.has(a)) furniture = true;
  const v = [
    cosine(prep.bags[position] as Bag, prep.norms[position] as number, prep.title, prep.titleNorm),
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
