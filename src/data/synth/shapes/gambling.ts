/** Shape e: gambling text injected into a cloned real page (title, meta, blocks), as the Indonesian kits do. */
import { escapeHtml } from '../dom-text.js';
import { declareUtf8, offsetFor, setMeta, setTitle, spliceAll } from '../html-edit.js';
import { drawPosition, fillBrand, freshId, gamblingBrand, inRange, link, pickBase, pointsOf, type ShapeContext, type ShapeResult } from './common.js';

/** Builds one page with injected gambling text. */
export function gamblingPage(ctx: ShapeContext): ShapeResult {
  const { rng, material: m, config } = ctx;
  const cfg = config.gambling;
  const base = pickBase(ctx);
  const brand = gamblingBrand(ctx);
  const used = new Set<string>();
  const points = pointsOf(base);
  const inserts: Array<{ at: number; html: string }> = [];
  const selectors: string[] = [];
  const sentence = (): string => fillBrand(rng.pick(m.gamblingSentences), brand);
  const anchor = (): string => fillBrand(rng.pick(m.gamblingAnchors.length ? m.gamblingAnchors : [brand]), brand);
  const blocks = inRange(rng, cfg.blocks);
  for (let b = 0; b < blocks; b++) {
    const id = freshId(ctx, base.html, used);
    const parts: string[] = [];
    if (rng.chance(0.4)) parts.push(`<h2>${escapeHtml(`${brand} ${anchor()}`)}</h2>`);
    const ns = inRange(rng, cfg.sentences);
    const text: string[] = [];
    for (let i = 0; i < ns; i++) text.push(escapeHtml(sentence()));
    if (rng.chance(0.5)) text.splice(rng.int(0, text.length), 0, link(ctx, rng.chance(0.5) ? brand : anchor()));
    parts.push(`<p>${text.join(' ')}</p>`);
    const na = inRange(rng, cfg.anchors);
    if (na > 0) parts.push(`<p>${Array.from({ length: na }, () => link(ctx, anchor())).join(rng.pick([' ', ' | ', ', ']))}</p>`);
    inserts.push({ at: offsetFor(points, drawPosition(rng, cfg.positions)), html: `\n<div id="${id}">${parts.join('')}</div>\n` });
    selectors.push(`#${id}`);
  }
  let html = spliceAll(base.html, inserts);
  if (rng.chance(cfg.titleRate)) {
    const t = rng.pick([`${brand}: ${anchor()}`, `${anchor()} ${brand}`, `${brand} ${anchor()} - ${rng.pick(m.gamblingBrands.length ? m.gamblingBrands : [brand])}`]);
    html = setTitle(html, escapeHtml(t));
    selectors.push('title');
  }
  if (rng.chance(cfg.metaRate)) {
    html = setMeta(html, 'description', escapeHtml(sentence()));
    html = setMeta(html, 'keywords', escapeHtml(`${brand}, ${anchor()}, ${anchor()}`));
  }
  return { html: declareUtf8(html), page: 'mixed', selectors, kinds: ['gambling'], lang: base.lang, base: base.entry.record.id };
}
