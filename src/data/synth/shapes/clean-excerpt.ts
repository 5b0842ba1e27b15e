/**
 * Clean excerpt: a real clean page cut down to a small page (head kept; from the body
 * the first nav/menu block, the first heading, 2–8 article paragraphs, maybe one short
 * list and a footer), so small pages are not all spam. With `injectRate` one of the
 * single-block injection shapes is applied to the excerpt, labelled as that shape labels it.
 */
import type { Element } from 'domhandler';
import { elements, parseWithOffsets, visibleText } from '../dom-text.js';
import { declareUtf8, hasEndTag, inChrome } from '../html-edit.js';
import type { CleanBase } from '../material.js';
import { hiddenLinksPage } from './hidden-links.js';
import { keywordListPage } from './keyword-list.js';
import { linkFarmPage } from './link-farm.js';
import { inRange, pickBase, type ShapeContext, type ShapeResult } from './common.js';

export type ExcerptInjection = 'keyword-list' | 'hidden-links' | 'link-farm';

export interface CleanExcerptConfig {
  paragraphs: [number, number];
  navRate: number;
  listRate: number;
  footerRate: number;
  zhShare: number;
  injectRate: number;
  inject: Partial<Record<ExcerptInjection, number>>;
}

export const EXCERPT_DEFAULTS: CleanExcerptConfig = {
  paragraphs: [2, 8],
  navRate: 0.6,
  listRate: 0.5,
  footerRate: 0.7,
  zhShare: 0.5,
  injectRate: 0.5,
  inject: { 'keyword-list': 0.4, 'hidden-links': 0.3, 'link-farm': 0.3 },
};

const NAV_RE = /(^|[\s_-])(nav|navbar|menu|topnav|mainnav|daohang)([\s_-]|\d|$)/i;
const FOOTER_RE = /(^|[\s_-])(foot|footer|bottom|copyright|ft)([\s_-]|\d|$)/i;
const HEADINGS = new Set(['h1', 'h2', 'h3']);

const ident = (el: Element): string => `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`;
const within = (el: Element, names: Set<string>): boolean => {
  for (let p = el.parent as Element | null; p && p.type === 'tag'; p = p.parent as Element | null) if (names.has(p.name)) return true;
  return false;
};
const NOT_BODY = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg']);

/** The excerpt of a page's source, or null when it has no article paragraphs to keep. */
export function excerptHtml(ctx: ShapeContext, src: string, cfg: CleanExcerptConfig): string | null {
  const { rng } = ctx;
  const doc = parseWithOffsets(src);
  const all = [...elements(doc)].filter((e) => e.type === 'tag' && e.startIndex != null && e.endIndex != null);
  const outer = (e: Element): string => src.slice(e.startIndex!, e.endIndex! + 1);
  const body = all.filter((e) => !NOT_BODY.has(e.name) && !within(e, NOT_BODY) && e.name !== 'html' && e.name !== 'body');
  const closed = (e: Element): boolean => hasEndTag(src, e);

  const nav = body.find((e) => closed(e) && (e.name === 'nav' || (['div', 'ul', 'header'].includes(e.name) && NAV_RE.test(ident(e)))));
  const heading = body.find((e) => HEADINGS.has(e.name) && closed(e) && visibleText(e).length > 0);
  let paras = body.filter((e) => e.name === 'p' && closed(e) && !inChrome(e) && visibleText(e).length >= 30);
  if (paras.length === 0) paras = body.filter((e) => e.name === 'p' && closed(e) && !inChrome(e) && visibleText(e).length >= 10);
  if (paras.length === 0) return null;
  const lists = body.filter((e) => (e.name === 'ul' || e.name === 'ol') && closed(e) && !within(e, new Set(['nav', 'footer'])) && !(nav && contains(nav, e)));
  const shortLists = lists.filter((e) => {
    const n = e.children.filter((c) => c.type === 'tag' && (c as Element).name === 'li').length;
    return n > 0 && n <= 8;
  });
  const footer = body.find((e) => closed(e) && (e.name === 'footer' || (['div', 'p', 'section'].includes(e.name) && FOOTER_RE.test(ident(e))) || (e.name === 'p' && /©|copyright|版权所有/i.test(visibleText(e)) && visibleText(e).length < 200)));

  const kept: Element[] = [];
  if (nav && rng.chance(cfg.navRate)) kept.push(nav);
  if (heading) kept.push(heading);
  const [lo, hi] = cfg.paragraphs;
  const n = Math.min(paras.length, inRange(rng, [lo, hi]));
  const start = rng.int(0, paras.length - n);
  kept.push(...paras.slice(start, start + n));
  if (shortLists.length > 0 && rng.chance(cfg.listRate)) kept.push(rng.pick(shortLists));
  if (footer && rng.chance(cfg.footerRate)) kept.push(footer);

  // Document order, no element kept twice (nested inside another kept one).
  const order = kept.sort((a, b) => a.startIndex! - b.startIndex!).filter((e, i, arr) => !arr.some((o, j) => j !== i && o !== e && contains(o, e)));
  const uniq = order.filter((e, i) => order.indexOf(e) === i);

  const head = all.filter((e) => (e.name === 'title' || e.name === 'meta') && within(e, new Set(['head'])));
  const headHtml = head.filter((e) => !(e.name === 'meta' && /charset/i.test(`${e.attribs.charset ?? ''} ${e.attribs['http-equiv'] ?? ''} ${e.attribs.content ?? ''}`) && (e.attribs.charset != null || /content-type/i.test(e.attribs['http-equiv'] ?? '')))).map(outer);
  const htmlEl = all.find((e) => e.name === 'html');
  const lang = htmlEl?.attribs.lang ? ` lang="${htmlEl.attribs.lang.replace(/"/g, '')}"` : '';
  const out = `<!DOCTYPE html>\n<html${lang}><head><meta charset="utf-8">\n${headHtml.join('\n')}\n</head>\n<body>\n${uniq.map(outer).join('\n')}\n</body></html>\n`;
  return declareUtf8(out);
}

function contains(outerEl: Element, inner: Element): boolean {
  return inner.startIndex! >= outerEl.startIndex! && inner.endIndex! <= outerEl.endIndex! && inner !== outerEl;
}

const INJECTORS: Record<ExcerptInjection, (ctx: ShapeContext) => ShapeResult> = {
  'keyword-list': keywordListPage,
  'hidden-links': hiddenLinksPage,
  'link-farm': linkFarmPage,
};

/** Builds one clean (or, with injectRate, injected) excerpt page. */
export function cleanExcerptPage(ctx: ShapeContext): ShapeResult {
  const { rng } = ctx;
  const cfg = { ...EXCERPT_DEFAULTS, ...(ctx.config.cleanExcerpt ?? {}) };
  let base: CleanBase = pickBase(ctx, rng.chance(cfg.zhShare) ? 'zh' : undefined);
  let html = excerptHtml(ctx, base.html, cfg);
  for (let tries = 0; html == null && tries < 8; tries++) {
    base = pickBase(ctx);
    html = excerptHtml(ctx, base.html, cfg);
  }
  if (html == null) return { html: declareUtf8(base.html), page: 'clean', kinds: [], lang: base.lang, base: base.entry.record.id };
  if (rng.chance(cfg.injectRate)) {
    const weights = { ...cfg.inject };
    if (ctx.material.zhKeywords.length === 0) weights['keyword-list'] = 0;
    if (Object.values(weights).some((w) => (w ?? 0) > 0)) {
      const shape = rng.weighted(weights as Record<ExcerptInjection, number>);
      const small: CleanBase = { entry: base.entry, lang: base.lang, html };
      return INJECTORS[shape]({ ...ctx, material: { ...ctx.material, cleanPages: [small] } });
    }
  }
  return { html, page: 'clean', kinds: [], lang: base.lang, base: base.entry.record.id };
}
