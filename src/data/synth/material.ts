/**
 * Harvesting real material for synthesis, per split: clean pages to inject into,
 * keyword phrases and anchors from the corpus's labelled spam regions, words by part
 * of speech (jieba) from those regions and from the spam-kit templates, place and
 * person names and sentences from real Chinese pages, and gambling brands and
 * sentences from the Indonesian kits. Nothing here is invented: every string comes
 * from a file that is read in place.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodejieba from 'nodejieba';
import { InputError } from '../../errors.js';
import { decodeBytes } from '../../page/index.js';
import { ZH_CITIES, ZH_PROVINCES } from '../../features/data/zh-places.js';
import { labelPage } from '../corpus.js';
import { isTextFile, readLabels, type LabelEntry } from '../labels.js';
import type { Split } from '../types.js';
import { parseWithOffsets, sentences, textRuns, visibleText } from './dom-text.js';

/** Marker left where a kit had a brand placeholder (`{{BRAND_NAME}}`, `<?php echo $BRANDS ?>`, `$brand`). */
export const BRAND_MARK = '\u27e6BRAND\u27e7';

export interface CleanBase {
  entry: LabelEntry;
  lang: string;
  /** Decoded page. */
  html: string;
}

export interface SpiderTemplate {
  file: string;
  html: string;
}

export interface Material {
  split: Split;
  cleanPages: CleanBase[];
  /** Items of labelled Chinese spam blocks (keyword-list items, link anchors). */
  zhPhrases: string[];
  /** Words by part of speech from Chinese spam text (regions and spider-pool templates). */
  zhKeywords: string[];
  zhVerbs: string[];
  zhBrands: string[];
  /** Place and person names from real Chinese pages (jieba ns / nr). */
  places: string[];
  persons: string[];
  /** Sentences of real clean Chinese pages. */
  zhSentences: string[];
  /** Anchors and sentences of English spam regions (webspam, natspam, webnat …). */
  enAnchors: string[];
  enSentences: string[];
  /** Gambling: brands from kit text, sentences and anchors from kits and spam pages (BRAND_MARK where the kit had a placeholder). */
  gamblingBrands: string[];
  gamblingSentences: string[];
  gamblingAnchors: string[];
  spiderTemplates: SpiderTemplate[];
}

export interface HarvestOptions {
  corpusDir: string;
  materialDir: string;
  split: Split;
}

const CJK = /[\u3400-\u9fff]/;
const BRAND_RE = /^(?=.*[A-Za-z]{3})(?:[A-Za-z]+\d{2,4}[A-Za-z]*|[A-Za-z]*\d[A-Za-z]+|[A-Z]{2,}BET)$/;
const HEX_RE = /^[0-9A-Fa-f]{6}$|^M\d+$/;

const GAMBLING_RE = /slot|judi|gacor|togel|casino|jackpot|maxwin|bet|deposit|toto|poker|ufa|สล็อต|博彩|娱乐|彩票|棋牌|赌/i;
const PLACE_SUFFIX = /[市省县区镇州]$/;

/** Prose, not code or data: mostly letters and spaces, no braces or markup. */
function isProse(s: string): boolean {
  if (/[{}<>\\=]|":|\bfunction\b|https?:/.test(s)) return false;
  const letters = s.match(/[\p{L}\s]/gu)?.length ?? 0;
  return letters / s.length >= 0.75 && s.length >= 12 && s.length <= 300;
}

/** A short keyword-list item (not a sentence). */
function isKeywordItem(s: string): boolean {
  return s.length >= 2 && s.length <= 24 && !/[。！？]/.test(s);
}

/** Which split a material file feeds: a stable hash of its path, about a quarter to dev. */
export function materialSplit(file: string): Split {
  const h = createHash('sha1').update(file).digest();
  return h[0] < 64 ? 'dev' : 'train';
}

function uniqSorted(items: Iterable<string>): string[] {
  return [...new Set(items)].sort();
}

function decodeFile(path: string): string {
  return decodeBytes(readFileSync(path)).text;
}

interface Tagged {
  word: string;
  tag: string;
}

function tag(text: string): Tagged[] {
  return (nodejieba as unknown as { tag(s: string): Tagged[] }).tag(text);
}

/** Words of Chinese text by jieba tag, kept when 2–6 characters and CJK or alphanumeric. */
function wordsByTag(text: string, into: { keywords: Set<string>; verbs: Set<string>; brands: Set<string>; places?: Set<string>; persons?: Set<string> }): void {
  for (const { word, tag: t } of tag(text)) {
    if (word.length < 2 || word.length > 6) continue;
    const cjk = CJK.test(word);
    if (!cjk && !/^[A-Za-z0-9]+$/.test(word)) continue;
    if (t === 'ns' && cjk) into.places?.add(word);
    else if ((t === 'nr' || t === 'nrfg') && cjk && word.length <= 3) into.persons?.add(word);
    else if ((t === 'n' || t === 'vn' || t === 'nz' || t === 'l') && cjk) into.keywords.add(word);
    else if (t === 'v' && cjk) into.verbs.add(word);
    else if (t === 'eng' || t === 'x' || t === 'nrt' || t === 'nt') into.brands.add(word);
  }
}

/** Splits a spam item text on the separators keyword lists use. */
function splitItems(text: string): string[] {
  return text.split(/[\s,，、|│;；/]+/).map((s) => s.trim()).filter((s) => s.length >= 2 && s.length <= 40);
}

/** Replaces a kit's brand placeholders by BRAND_MARK and drops other PHP and template tags. */
export function normalizeKit(raw: string): string {
  return raw
    .replace(/<\?php\s+echo\s+\$(?:BRANDS?|brand)\b\s*;?\s*\?>/gi, BRAND_MARK)
    .replace(/\{\{BRAND_NAME\}\}/g, BRAND_MARK)
    .replace(/\$brand\b/g, BRAND_MARK)
    .replace(/<\?php[\s\S]*?\?>/g, '')
    .replace(/\{\{[A-Z_]+\}\}/g, '');
}

/** Collects every kind of material for one split. */
export function harvestMaterial(opts: HarvestOptions): Material {
  const corpusDir = resolve(opts.corpusDir);
  const materialDir = resolve(opts.materialDir);
  const split = opts.split;
  const { labelsFile, entries } = readLabels(corpusDir, { onError: 'collect' });
  const mine = entries.filter((e) => e.record.split === split);

  const zh = { keywords: new Set<string>(), verbs: new Set<string>(), brands: new Set<string>(), places: new Set<string>(), persons: new Set<string>() };
  const zhPhrases = new Set<string>();
  const zhSentences = new Set<string>();
  const enAnchors = new Set<string>();
  const enSentences = new Set<string>();
  const gamblingBrands = new Set<string>();
  const gamblingSentences = new Set<string>();
  const gamblingAnchors = new Set<string>();
  const cleanPages: CleanBase[] = [];
  const placeCounts = new Map<string, number>();
  const personCounts = new Map<string, number>();

  for (const entry of mine) {
    const rec = entry.record;
    if (rec.page === 'clean') {
      if (isTextFile(rec.file)) continue;
      let html: string;
      try {
        html = decodeFile(entry.path);
      } catch {
        continue;
      }
      cleanPages.push({ entry, lang: rec.lang, html });
      if (rec.lang === 'zh') {
        const runs = textRuns(parseWithOffsets(html));
        for (const run of runs) for (const s of sentences(run)) if (CJK.test(s) && s.length <= 80 && isProse(s)) zhSentences.add(s);
        const names = { keywords: new Set<string>(), verbs: new Set<string>(), brands: new Set<string>(), places: new Set<string>(), persons: new Set<string>() };
        wordsByTag(runs.join('\n').slice(0, 20000), names);
        for (const p of names.places) placeCounts.set(p, (placeCounts.get(p) ?? 0) + 1);
        for (const p of names.persons) personCounts.set(p, (personCounts.get(p) ?? 0) + 1);
      }
      continue;
    }
    if (!rec.spam) continue;
    let labeled;
    try {
      labeled = labelPage(entry, readFileSync(entry.path), labelsFile);
    } catch {
      continue;
    }
    const blocks = labeled.parsed.page.blocks;
    const gambling = rec.lang === 'id' || (rec.kinds ?? []).includes('gambling');
    if (labeled.headSpam && rec.lang === 'zh') {
      // A hijacked title is spam text no block holds.
      for (const item of splitItems(labeled.parsed.page.title)) zhPhrases.add(item);
      wordsByTag(labeled.parsed.page.title, zh);
    }
    blocks.forEach((b, i) => {
      if (!labeled.isSpam[i]) return;
      const text = normalizeKit(b.text);
      const anchors = b.links.map((l) => l.text.trim()).filter((t) => t.length >= 2 && t.length <= 60 && !/^https?:/.test(t));
      if (rec.lang === 'zh') {
        for (const part of b.parts) for (const item of splitItems(part)) if (isKeywordItem(item)) zhPhrases.add(item);
        for (const a of anchors) if (isKeywordItem(a)) zhPhrases.add(a);
        wordsByTag(b.text, zh);
      } else if (gambling) {
        for (const a of anchors) if (GAMBLING_RE.test(a)) gamblingAnchors.add(normalizeKit(a));
        for (const s of sentences(text)) if (s.length >= 20 && s.length <= 300 && isProse(s)) gamblingSentences.add(s);
        for (const w of text.split(/[^A-Za-z0-9]+/)) if (BRAND_RE.test(w) && !HEX_RE.test(w)) gamblingBrands.add(w);
      } else {
        for (const a of anchors) enAnchors.add(a);
        for (const s of sentences(text)) if (s.length >= 20 && s.length <= 400 && isProse(s)) enSentences.add(s);
      }
    });
  }

  // Spam-kit templates: the spider-pool layouts and their own words; gambling kits' brands and sentences.
  const spiderTemplates: SpiderTemplate[] = [];
  let manifest: string;
  try {
    manifest = readFileSync(join(materialDir, 'MANIFEST.jsonl'), 'utf8');
  } catch {
    throw new InputError(join(materialDir, 'MANIFEST.jsonl'), 'no spam-material manifest here');
  }
  for (const line of manifest.split('\n')) {
    if (!line.trim()) continue;
    const { file } = JSON.parse(line) as { file: string };
    if (materialSplit(file) !== split) continue;
    const raw = decodeFile(join(materialDir, file));
    if (file.startsWith('spiderpool_zh/')) {
      spiderTemplates.push({ file, html: raw });
      const plain = raw.replace(/<[^<>]+\/>/g, ' ');
      wordsByTag(textRuns(parseWithOffsets(plain)).join('\n'), zh);
    } else if (file.startsWith('kits_id/')) {
      const doc = parseWithOffsets(normalizeKit(raw));
      const text = textRuns(doc).join('\n');
      for (const w of text.split(/[^A-Za-z0-9]+/)) if (BRAND_RE.test(w) && !HEX_RE.test(w)) gamblingBrands.add(w);
      for (const s of sentences(text)) {
        if (s.length >= 30 && s.length <= 300 && GAMBLING_RE.test(s) && isProse(s)) gamblingSentences.add(s);
      }
      for (const run of textRuns(doc)) {
        if (run.length >= 4 && run.length <= 50 && GAMBLING_RE.test(run)) gamblingAnchors.add(run);
      }
    }
  }
  // Fall back to the other split's templates when a split got none of a kind (small material).
  if (spiderTemplates.length === 0) {
    for (const line of manifest.split('\n')) {
      if (!line.trim()) continue;
      const { file } = JSON.parse(line) as { file: string };
      if (file.startsWith('spiderpool_zh/')) spiderTemplates.push({ file, html: decodeFile(join(materialDir, file)) });
    }
  }
  cleanPages.sort((a, b) => (a.entry.record.id < b.entry.record.id ? -1 : 1));
  spiderTemplates.sort((a, b) => (a.file < b.file ? -1 : 1));
  return {
    split,
    cleanPages,
    zhPhrases: uniqSorted(zhPhrases),
    zhKeywords: uniqSorted(zh.keywords),
    zhVerbs: uniqSorted(zh.verbs),
    zhBrands: uniqSorted([...zh.brands].filter((b) => b.length >= 2)),
    // Harvested place names, and the provinces and cities that city-targeted lists draw from.
    places: uniqSorted([...[...placeCounts].filter(([p, n]) => n >= 2 || PLACE_SUFFIX.test(p)).map(([p]) => p), ...ZH_PROVINCES, ...ZH_CITIES]),
    persons: uniqSorted([...personCounts].filter(([, n]) => n >= 2).map(([p]) => p)),
    zhSentences: uniqSorted(zhSentences),
    enAnchors: uniqSorted(enAnchors),
    enSentences: uniqSorted(enSentences),
    gamblingBrands: uniqSorted(gamblingBrands),
    gamblingSentences: uniqSorted(gamblingSentences),
    gamblingAnchors: uniqSorted(gamblingAnchors),
    spiderTemplates,
  };
}

/** Text of a subtree, exported for shapes that clone page text. */
export { visibleText };
