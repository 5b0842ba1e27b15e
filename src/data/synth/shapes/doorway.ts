/**
 * Shape f: a keyword-stuffed doorway page. A real clean page keeps its navigation and
 * footer, but its title becomes brand + money keywords and most article paragraphs get
 * the brand and 2–6 harvested keywords pushed into their sentences (some sentences
 * swapped for harvested spam sentences). Chinese pages take brands and keywords from
 * the corpus's Chinese spam regions (gambling, loans …); other pages take payday-loan,
 * casino and pharma anchors and sentences from the English spam regions.
 */
import type { Element } from 'domhandler';
import { elements, escapeHtml, parseWithOffsets, sentences, visibleText } from '../dom-text.js';
import { declareUtf8, hasEndTag, inChrome, offsetFor, setMeta, setTitle, spliceAll } from '../html-edit.js';
import type { CleanBase, Material } from '../material.js';
import { fillBrand, freshId, inRange, link, pointsOf, type ShapeContext, type ShapeResult } from './common.js';

const MONEY_ZH = /娱乐|博彩|彩票|棋牌|赌|真人|百家乐|体育|澳门|葡京|金沙|六合|时时彩|开奖|贷|借款|信用卡|套现|代孕|发票|药|bet|casino|slot/i;
const MONEY_EN = /payday|loan|cash|credit|casino|parlay|poker|slot|\bbet|gambl|jackpot|viagra|cialis|pharm|pills|mortgage|insurance|debt|judi|togel/i;

/** Doorway material of one language, filtered from the harvested material. */
interface DoorwayPool {
  brands: string[];
  keywords: string[];
  /** Spam sentences to swap in (English), or clean sentences to stuff (Chinese fallback). */
  sentences: string[];
}

const poolCache = new WeakMap<Material, { zh: DoorwayPool; en: DoorwayPool }>();

function prefer(items: string[], re: RegExp, min: number): string[] {
  const hit = items.filter((s) => re.test(s));
  return hit.length >= min ? hit : items;
}

/** The zh and en doorway pools of a material set (money-themed items preferred, any spam item otherwise). */
export function doorwayPools(m: Material): { zh: DoorwayPool; en: DoorwayPool } {
  let p = poolCache.get(m);
  if (!p) {
    const zhItems = [...m.zhPhrases, ...m.zhBrands].filter((s) => s.length >= 2 && s.length <= 12);
    const zhKeywords = prefer(m.zhPhrases.filter((s) => s.length <= 16), MONEY_ZH, 5);
    const enKeywords = prefer(m.enAnchors.filter((s) => s.length <= 60 && !/^https?:|www\./i.test(s)), MONEY_EN, 3);
    p = {
      zh: {
        brands: prefer(zhItems.length ? zhItems : m.gamblingBrands, MONEY_ZH, 1),
        keywords: zhKeywords.length ? zhKeywords : m.zhKeywords,
        sentences: [],
      },
      en: {
        brands: prefer(enKeywords.filter((s) => s.split(/\s+/).length <= 3), MONEY_EN, 1).concat(enKeywords.length ? [] : m.gamblingBrands),
        keywords: enKeywords,
        sentences: prefer(m.enSentences, MONEY_EN, 3),
      },
    };
    if (p.en.brands.length === 0) p.en.brands = enKeywords.length ? enKeywords : m.gamblingBrands;
    poolCache.set(m, p);
  }
  return p;
}

/** Whether a language's pool can make doorway pages (used to drop the shape from the mix). */
export function doorwayUsable(m: Material): boolean {
  const { zh, en } = doorwayPools(m);
  const zhOk = zh.brands.length > 0 && zh.keywords.length > 0 && m.cleanPages.some((b) => b.lang === 'zh');
  const enOk = en.brands.length > 0 && en.keywords.length > 0 && m.cleanPages.some((b) => b.lang !== 'zh');
  return zhOk || enOk;
}

/** Article paragraphs of a page: closed <p> outside nav/header/footer/aside with some text, not nested. */
function articleParagraphs(html: string): Element[] {
  const out: Element[] = [];
  let lastEnd = -1;
  for (const el of elements(parseWithOffsets(html))) {
    if (el.type !== 'tag' || el.name !== 'p' || el.startIndex == null || el.startIndex <= lastEnd) continue;
    if (!hasEndTag(html, el) || inChrome(el) || visibleText(el).length < 20) continue;
    let head = false;
    for (let q = el.parent as Element | null; q && q.type === 'tag'; q = q.parent as Element | null) if (q.name === 'head') head = true;
    if (head) continue;
    out.push(el);
    lastEnd = el.endIndex!;
  }
  return out;
}

interface Stuffer {
  zh: boolean;
  brand: string;
  pool: DoorwayPool;
  linkRate: number;
}

/** One inserted unit: brand and/or keyword, escaped, sometimes linked. */
function unit(ctx: ShapeContext, s: Stuffer, withBrand: boolean): string {
  const kw = fillBrand(ctx.rng.pick(s.pool.keywords), s.brand);
  const text = withBrand ? (s.zh ? `${s.brand}${kw}` : `${s.brand} ${kw}`) : kw;
  if (ctx.rng.chance(s.linkRate)) return link(ctx, text);
  return ctx.rng.chance(0.3) ? `<strong>${escapeHtml(text)}</strong>` : escapeHtml(text);
}

/** Cut points of a sentence where an insert reads naturally: after clause marks, else word or character boundaries. */
function cutPoints(text: string, zh: boolean): number[] {
  const cuts = [0];
  for (let i = 1; i < text.length; i++) {
    if (zh ? /[，、；：,]/.test(text[i - 1]) || (i % 7 === 0 && /[\u3400-\u9fff]/.test(text[i])) : text[i - 1] === ' ') cuts.push(i);
  }
  return cuts;
}

/** Rewrites a text: swaps some sentences for spam ones, then pushes n inserts (the first with the brand) into it. */
function stuffText(ctx: ShapeContext, s: Stuffer, text: string, n: number, swapRate: number): string {
  const { rng } = ctx;
  const split = sentences(text);
  const sents = (split.length > 0 ? split : [text]).map((t) => (s.pool.sentences.length > 0 && rng.chance(swapRate) ? fillBrand(rng.pick(s.pool.sentences), s.brand) : t));
  const inserts: string[][] = sents.map(() => []);
  for (let k = 0; k < n; k++) inserts[rng.int(0, sents.length - 1)].push(unit(ctx, s, k === 0 || rng.chance(0.25)));
  return sents
    .map((sent, i) => {
      const cuts = cutPoints(sent, s.zh);
      const at = inserts[i].map((html) => ({ at: rng.pick(cuts), html: s.zh ? html : ` ${html} ` }));
      at.sort((a, b) => a.at - b.at);
      let out = '';
      let last = 0;
      for (const x of at) {
        out += escapeHtml(sent.slice(last, x.at)) + x.html;
        last = x.at;
      }
      return (out + escapeHtml(sent.slice(last))).replace(/ {2,}/g, ' ').trim();
    })
    .join(s.zh ? '' : ' ');
}

/** Builds one doorway page. */
export function doorwayPage(ctx: ShapeContext): ShapeResult {
  const { rng, material: m, config } = ctx;
  const cfg = config.doorway;
  const pools = doorwayPools(m);
  const zhOk = pools.zh.brands.length > 0 && pools.zh.keywords.length > 0;
  const enOk = pools.en.brands.length > 0 && pools.en.keywords.length > 0;
  const fit = m.cleanPages.filter((b: CleanBase) => (b.lang === 'zh' ? zhOk : enOk));
  const base = rng.pick(fit.length > 0 ? fit : m.cleanPages);
  const zh = base.lang === 'zh' ? zhOk : !enOk;
  const pool = zh ? pools.zh : pools.en;
  const brand = rng.pick(pool.brands);
  const s: Stuffer = { zh, brand, pool, linkRate: cfg.linkRate };
  // Page-wide density: share of paragraphs rewritten, keywords per paragraph, sentences swapped.
  const share = inRange(rng, cfg.paragraphPercent) / 100;
  const maxKw = inRange(rng, cfg.keywords);
  const swapRate = inRange(rng, cfg.swapPercent) / 100;
  const used = new Set<string>();
  const selectors: string[] = [];
  const inserts: Array<{ at: number; html: string }> = [];
  const paras = articleParagraphs(base.html);
  let src = base.html;
  if (paras.length > 0) {
    const n = Math.max(1, Math.round(paras.length * share));
    const chosen = new Set(rng.sample(paras, n));
    // Replace from the end so earlier offsets stay valid.
    for (const el of [...paras].reverse()) {
      if (!chosen.has(el)) continue;
      const id = freshId(ctx, base.html, used);
      const cls = el.attribs.class ? ` class="${escapeHtml(el.attribs.class)}"` : '';
      const body = stuffText(ctx, s, visibleText(el), rng.int(Math.min(2, maxKw), maxKw), swapRate);
      src = src.slice(0, el.startIndex!) + `<p id="${id}"${cls}>${body}</p>` + src.slice(el.endIndex! + 1);
      selectors.push(`#${id}`);
    }
    selectors.reverse();
  } else {
    // No article paragraph: add one stuffed block after the article, from real sentences.
    const id = freshId(ctx, base.html, used);
    const texts = zh ? m.zhSentences : pool.sentences;
    const text = texts.length > 0 ? rng.sample(texts, rng.int(1, 3)).join(zh ? '' : ' ') : pool.keywords.slice(0, 3).join(zh ? '，' : ', ');
    inserts.push({ at: offsetFor(pointsOf(base), 'after-article'), html: `\n<div id="${id}"><p>${stuffText(ctx, s, text, maxKw, swapRate)}</p></div>\n` });
    selectors.push(`#${id}`);
    src = spliceAll(src, inserts);
  }
  const kws = rng.sample(pool.keywords, rng.int(2, 4)).map((k) => fillBrand(k, brand));
  const title = zh
    ? rng.pick([`${brand}${kws[0]}_${kws.slice(1).join('_')}`, `${brand}-${kws.join('|')}`, `${kws[0]}${brand}【${kws.slice(1).join('、')}】`])
    : rng.pick([`${brand} | ${kws.join(' - ')}`, `${kws[0]} - ${brand}: ${kws.slice(1).join(', ')}`, `${brand} ${kws.join(' ')}`]);
  src = setTitle(src, escapeHtml(title));
  selectors.push('title');
  if (rng.chance(cfg.metaRate)) {
    src = setMeta(src, 'keywords', escapeHtml([brand, ...kws].join(zh ? ',' : ', ')));
    src = setMeta(src, 'description', escapeHtml(zh ? `${brand}${kws.join('，')}` : `${brand}: ${kws.join(', ')}`));
  }
  const theme = [brand, ...kws].join(' ');
  const kinds = ['doorway', 'keyword-stuffing'];
  if (/娱乐|博彩|彩票|棋牌|赌|百家乐|casino|poker|slot|\bbet|parlay|jackpot|judi|togel/i.test(theme)) kinds.push('gambling');
  if (/viagra|cialis|pharm|pills|药/i.test(theme)) kinds.push('pharma');
  return { html: declareUtf8(src), page: 'mixed', selectors, kinds, lang: base.lang, base: base.entry.record.id };
}
