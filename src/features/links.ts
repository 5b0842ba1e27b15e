/**
 * Links: link farms and sold link blocks — many short, keyword-like anchors, often to
 * many outside hosts — against menus and related-article lists (few hosts, title anchors).
 */
import type { Block, Link } from '../page/types.js';
import type { BlockEvidence } from './types.js';
import type { BlockInput, FeatureFamily, PageFacts } from './family.js';
import { finite } from './family.js';
import { isStopWord } from './stopwords.js';
import { countHan } from './tokenize.js';

/** Links looked at per block, at most. */
export const MAX_LINKS = 500;

export const LINK_COLUMNS = [
  /** log(1 + number of links in the block) */
  'link_count_log',
  /** characters inside links / characters of the block */
  'link_text_share',
  /** links per 100 characters of block text (text floored at 20 characters) */
  'link_per_100_chars',
  /** log(1 + mean anchor length in characters) */
  'link_anchor_len_log',
  /** share of links whose anchor text equals another link's anchor in the block */
  'link_repeat_anchor_share',
  /** share of links that leave the page's site (its URL's host, else the host most of the page's links go to; relative links stay) */
  'link_external_share',
  /** log(1 + distinct hosts linked) */
  'link_hosts_log',
  /** distinct hosts / links (0 without links) */
  'link_hosts_per_link',
  /** share of anchors that look like keyword phrases (5–10 Chinese characters, or 3–6 words of which 3 content words, no sentence punctuation) rather than titles or menu words */
  'link_keyword_anchor_share',
  /** share of the block's parts (items) that look like keyword phrases, links or not (text pages have no links); 0 for one part */
  'link_keyword_part_share',
] as const;

const SENTENCE_PUNCT = /[。！？!?，,:：;；"“”「」《》()（）]|\.\s|\.$/u;
const SPACES = /\s+/;
const LETTERS = /\p{L}/u;

/** Whether an anchor reads like a search keyword phrase (`深圳网站优化`, `best online casino`). */
export function isKeywordAnchor(text: string): boolean {
  const t = text.trim();
  if (t.length < 4 || t.length > 40 || SENTENCE_PUNCT.test(t)) return false;
  const han = countHan(t);
  if (han > 0) return han >= 5 && han <= 10;
  const words = t.split(SPACES).filter((w) => LETTERS.test(w));
  if (words.length < 3 || words.length > 6) return false;
  let content = 0;
  for (const w of words) if (!isStopWord(w.toLowerCase())) content++;
  return content >= 3;
}

const siteHosts = new WeakMap<PageFacts, string | null>();

/** Host without a leading `www.`, lowercased. */
function bareHost(host: string): string {
  const h = host.toLowerCase();
  return h.startsWith('www.') ? h.slice(4) : h;
}

/**
 * The bare host most links go to (the first seen among equals); after 5000 links each block
 * adds only its first. Raw hosts are counted first, so each distinct host is made bare once.
 */
function mostLinkedHost(blocks: readonly Block[]): string | null {
  const raw = new Map<string, number>();
  let seen = 0;
  for (const b of blocks) {
    for (const l of b.links) {
      if (!l.host) continue;
      raw.set(l.host, (raw.get(l.host) ?? 0) + 1);
      if (++seen >= 5000) break;
    }
  }
  // Bare hosts in order of first appearance (raw hosts are in theirs).
  const counts = new Map<string, number>();
  for (const [h, c] of raw) {
    const bare = bareHost(h);
    counts.set(bare, (counts.get(bare) ?? 0) + c);
  }
  let site: string | null = null;
  let best = 0;
  for (const [h, c] of counts) {
    if (c > best) {
      site = h;
      best = c;
    }
  }
  return site;
}

/** The page's own host: from its URL, else the host most of its absolute links go to. */
function siteHost(facts: PageFacts): string | null {
  if (siteHosts.has(facts)) return siteHosts.get(facts) ?? null;
  let site: string | null = null;
  const url = facts.page.url;
  if (url) {
    try {
      site = bareHost(new URL(url).host);
    } catch {
      site = null;
    }
  }
  if (site === null) site = mostLinkedHost(facts.page.blocks);
  siteHosts.set(facts, site);
  return site;
}

/** Whether a link leaves the site: the page stage's answer when it has one, else by host. */
function isExternal(l: Link, site: string | null): boolean {
  if (l.external !== null) return l.external;
  if (!l.host) return false;
  return site === null || bareHost(l.host) !== site;
}

function keywordPartShare(parts: readonly string[]): number {
  if (parts.length < 2) return 0;
  let k = 0;
  for (const p of parts) if (isKeywordAnchor(p)) k++;
  return k / parts.length;
}

/** Counts over a block's links (at most MAX_LINKS of them). */
interface LinkCounts {
  anchorChars: number;
  external: number;
  keyword: number;
  /** Links whose anchor text (trimmed, lowercased, non-empty) equals another link's. */
  repeated: number;
  hosts: number;
}

function countLinks(links: readonly Link[], site: string | null): LinkCounts {
  const c: LinkCounts = { anchorChars: 0, external: 0, keyword: 0, repeated: 0, hosts: 0 };
  const anchors = new Map<string, number>();
  const hosts = new Set<string>();
  for (const l of links) {
    c.anchorChars += l.text.length;
    if (isExternal(l, site)) c.external++;
    if (l.host) hosts.add(l.host.toLowerCase());
    const key = l.text.trim().toLowerCase();
    if (key.length > 0) anchors.set(key, (anchors.get(key) ?? 0) + 1);
    if (isKeywordAnchor(l.text)) c.keyword++;
  }
  for (const n of anchors.values()) if (n > 1) c.repeated += n;
  c.hosts = hosts.size;
  return c;
}

/** What countLinks gives for a block without links. */
const NO_LINKS: Readonly<LinkCounts> = Object.freeze({ anchorChars: 0, external: 0, keyword: 0, repeated: 0, hosts: 0 });

function compute(input: BlockInput, out: Float32Array, offset: number, _evidence: BlockEvidence): void {
  const { block } = input;
  const links: readonly Link[] = block.links.length > MAX_LINKS ? block.links.slice(0, MAX_LINKS) : block.links;
  const n = links.length;
  const chars = Math.max(block.chars, 1);
  const c = n > 0 ? countLinks(links, siteHost(input.facts)) : NO_LINKS;
  const v = [
    Math.log1p(block.links.length),
    Math.min(1, block.linkChars / chars),
    (n * 100) / Math.max(block.chars, 20),
    n > 0 ? Math.log1p(c.anchorChars / n) : 0,
    n > 0 ? c.repeated / n : 0,
    n > 0 ? c.external / n : 0,
    Math.log1p(c.hosts),
    n > 0 ? c.hosts / n : 0,
    n > 0 ? c.keyword / n : 0,
    keywordPartShare(input.tokens.parts),
  ];
  for (let i = 0; i < v.length; i++) out[offset + i] = finite(v[i] as number);
}

export const linkFamily: FeatureFamily = {
  name: 'links',
  columns: LINK_COLUMNS,
  compute,
};
