/** What every shape gets and gives, and the draws they share (ids, links, keyword items, anchors). */
import type { PageLabel } from '../../types.js';
import type { HideMethod, MaterialKind, SynthConfig } from '../config.js';
import { escapeHtml } from '../dom-text.js';
import { declareUtf8, findInsertPoints, offsetFor, spliceAll, type InsertPoints, type Position } from '../html-edit.js';
import type { CleanBase, Material } from '../material.js';
import { BRAND_MARK } from '../material.js';
import type { Rng } from '../prng.js';

export interface ShapeContext {
  rng: Rng;
  material: Material;
  config: SynthConfig;
}

export interface ShapeResult {
  /** The page, decoded; written as UTF-8. */
  html: string;
  page: PageLabel;
  selectors?: string[];
  all?: boolean;
  kinds: string[];
  lang: string;
  /** Label id of the real page it was built on, if any. */
  base: string | null;
}

const TLDS = ['com', 'net', 'cn', 'top', 'xyz', 'vip', 'cc', 'org', 'info', 'com.cn', 'site', 'online'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Random lowercase letters. */
export function randomLetters(rng: Rng, lo: number, hi: number): string {
  let s = '';
  const n = rng.int(lo, hi);
  for (let i = 0; i < n; i++) s += LETTERS[rng.int(0, 25)];
  return s;
}

/** A random domain name (letters and digits, common and cheap TLDs). */
export function randomDomain(rng: Rng): string {
  const sub = rng.chance(0.4) ? `${randomLetters(rng, 2, 5)}.` : rng.chance(0.5) ? 'www.' : '';
  const name = randomLetters(rng, 3, 10) + (rng.chance(0.3) ? String(rng.int(1, 999)) : '');
  return `${sub}${name}.${rng.pick(TLDS)}`;
}

/** A random link target: absolute URL on a random domain, or a relative page path. */
export function randomUrl(rng: Rng, absolute = rng.chance(0.6)): string {
  const path = rng.pick([
    () => `/${randomLetters(rng, 3, 8)}/${rng.int(100, 99999)}.html`,
    () => `/?id=${rng.int(1, 999999)}`,
    () => `/${randomLetters(rng, 4, 12)}.html`,
    () => `/`,
    () => `/news/${rng.int(2015, 2025)}${String(rng.int(1, 12)).padStart(2, '0')}/${rng.int(1000, 99999)}.shtml`,
  ])();
  return absolute ? `http${rng.chance(0.6) ? 's' : ''}://${randomDomain(rng)}${path}` : path;
}

/** A fresh element id not present in the page: a stem from the config plus digits. */
export function freshId(ctx: ShapeContext, src: string, used: Set<string>): string {
  for (;;) {
    const id = `${ctx.rng.pick(ctx.config.idStems)}${ctx.rng.chance(0.5) ? '-' : ''}${ctx.rng.int(1, 99999)}`;
    if (!used.has(id) && !src.includes(`"${id}"`) && !src.includes(`'${id}'`) && !src.includes(`=${id}`)) {
      used.add(id);
      return id;
    }
  }
}

/** An integer drawn from [lo, hi]. */
export function inRange(rng: Rng, [lo, hi]: [number, number]): number {
  return rng.int(lo, hi);
}

/** A position drawn by the weights. */
export function drawPosition(rng: Rng, weights: Partial<Record<Position, number>>): Position {
  return rng.weighted(weights as Record<Position, number>);
}

/** Fills a kit's brand marker with a brand. */
export function fillBrand(text: string, brand: string): string {
  return text.split(BRAND_MARK).join(brand);
}

/** A brand name harvested from the gambling kits. */
export function gamblingBrand(ctx: ShapeContext): string {
  return ctx.material.gamblingBrands.length > 0 ? ctx.rng.pick(ctx.material.gamblingBrands) : 'slot';
}

/**
 * One keyword-list item in the slot pattern of real lists (city × keyword × verb ×
 * number × brand), e.g. 安庆网络公司就找7火星下拉; `shared` is the list's common keyword.
 */
export function keywordItem(ctx: ShapeContext, shared: string | null, brand: string | null): string {
  const { rng, material: m } = ctx;
  const s = ctx.config.keywordList.slots;
  if (m.zhPhrases.length > 0 && rng.chance(s.phrase)) {
    const phrase = rng.pick(m.zhPhrases);
    return rng.chance(s.city) && m.places.length > 0 ? rng.pick(m.places) + phrase : phrase;
  }
  let item = '';
  if (m.places.length > 0 && rng.chance(s.city)) item += rng.pick(m.places);
  item += shared ?? rng.pick(m.zhKeywords);
  if (rng.chance(s.secondKeyword)) item += rng.pick(m.zhKeywords);
  if (m.zhVerbs.length > 0 && rng.chance(s.verb)) item += rng.pick(m.zhVerbs);
  if (rng.chance(s.number)) item += String(rng.int(1, rng.chance(0.5) ? 9 : 999));
  if (brand && rng.chance(s.brand)) item += brand;
  return item;
}

/** A list's shared keyword and brand, drawn once per list. */
export function listTheme(ctx: ShapeContext): { shared: string | null; brand: string | null } {
  const { rng, material: m } = ctx;
  const shared = rng.chance(ctx.config.keywordList.slots.sharedKeyword) ? rng.pick(m.zhKeywords) : null;
  const brands = m.zhBrands.length > 0 && rng.chance(0.6) ? m.zhBrands : m.zhKeywords;
  return { shared, brand: rng.pick(brands) };
}

/** Anchor texts of one material kind. */
export function anchors(ctx: ShapeContext, kind: MaterialKind, n: number): string[] {
  const { rng, material: m } = ctx;
  const out: string[] = [];
  if (kind === 'zh') {
    const theme = listTheme(ctx);
    for (let i = 0; i < n; i++) out.push(keywordItem(ctx, rng.chance(0.5) ? theme.shared : null, theme.brand));
  } else if (kind === 'gambling') {
    const brand = gamblingBrand(ctx);
    for (let i = 0; i < n; i++) {
      const a = rng.chance(0.2) ? gamblingBrand(ctx) : rng.pick(m.gamblingAnchors.length ? m.gamblingAnchors : m.gamblingBrands);
      out.push(fillBrand(a, brand));
    }
  } else if (ctx.config.randomAnchors && rng.chance(ctx.config.randomAnchors.rate)) {
    // Kits that fill anchors with random letter strings (`nojepfxn`, `qsjpdufx`) pointing at keyword URLs.
    const { letters: [lo, hi], pool, poolRate } = ctx.config.randomAnchors;
    // With a pool, the list draws its anchors from a small vocabulary of its own, so words repeat as kits repeat them.
    const pooled = pool !== undefined && (poolRate === undefined || rng.chance(poolRate));
    const words = pooled ? Array.from({ length: rng.int(pool[0], pool[1]) }, () => randomLetters(rng, lo, hi)) : null;
    for (let i = 0; i < n; i++) out.push(words ? rng.pick(words) : randomLetters(rng, lo, hi));
  } else {
    const pool = m.enAnchors.length ? m.enAnchors : m.enSentences;
    for (let i = 0; i < n; i++) out.push(rng.pick(pool));
  }
  return out;
}

/** `<a href=…>text</a>` with a random target. */
export function link(ctx: ShapeContext, text: string): string {
  const attrs = ctx.rng.chance(0.3) ? ' target="_blank"' : '';
  return `<a href="${escapeHtml(randomUrl(ctx.rng))}"${attrs}>${escapeHtml(text)}</a>`;
}

/** A clean page to build on; `lang` restricts the choice when such pages exist. */
export function pickBase(ctx: ShapeContext, lang?: string): CleanBase {
  const pages = ctx.material.cleanPages;
  const fit = lang ? pages.filter((p) => p.lang === lang) : pages;
  return ctx.rng.pick(fit.length > 0 ? fit : pages);
}

const pointCache = new WeakMap<CleanBase, InsertPoints>();

/** Insertion points of a base page, found once per page. */
export function pointsOf(base: CleanBase): InsertPoints {
  let p = pointCache.get(base);
  if (!p) {
    p = findInsertPoints(base.html);
    pointCache.set(base, p);
  }
  return p;
}

/** Inline style or class rule that hides an element, by method. */
export function hidingDecl(rng: Rng, method: HideMethod): string {
  switch (method) {
    case 'display:none':
      return 'display:none';
    case 'off-screen':
      return rng.pick([`position:absolute;left:-${rng.int(999, 40000)}px`, `position:absolute;top:-${rng.int(999, 20000)}px`, `position:absolute;left:-${rng.int(999, 9999)}px;top:-${rng.int(99, 9999)}px`]);
    case 'font-size:0':
      return rng.chance(0.5) ? 'font-size:0' : 'font-size:0px;line-height:0';
    case 'visibility:hidden':
      return 'visibility:hidden';
    default:
      return `height:${rng.int(0, 1)}px;overflow:hidden`;
  }
}

/** The clean page with one spam element spliced in at a position drawn from `positions`, labelled by its `#id`. */
export function injectOne(
  ctx: ShapeContext,
  base: CleanBase,
  positions: Partial<Record<Position, number>>,
  id: string,
  html: string,
  kinds: string[],
): ShapeResult {
  const pos = drawPosition(ctx.rng, positions);
  const out = spliceAll(base.html, [{ at: offsetFor(pointsOf(base), pos), html }]);
  return { html: declareUtf8(out), page: 'mixed', selectors: [`#${id}`], kinds, lang: base.lang, base: base.entry.record.id };
}
