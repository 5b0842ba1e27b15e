/** Shape c: a footer or sidebar link farm (friend links, SEO-service or gambling anchors). */
import type { MaterialKind } from '../config.js';
import { escapeHtml } from '../dom-text.js';
import { anchors, injectOne, freshId, inRange, link, pickBase, type ShapeContext, type ShapeResult } from './common.js';

type Container = 'ul' | 'div' | 'p' | 'table';

/** Builds one page with a link farm. */
export function linkFarmPage(ctx: ShapeContext): ShapeResult {
  const { rng, config } = ctx;
  const cfg = config.linkFarm;
  const kind = rng.weighted(cfg.material as Record<MaterialKind, number>);
  const base = pickBase(ctx, kind === 'en' ? 'en' : kind === 'zh' && rng.chance(0.7) ? 'zh' : undefined);
  const id = freshId(ctx, base.html, new Set());
  const texts = anchors(ctx, kind, inRange(rng, cfg.links));
  const container = rng.weighted(cfg.containers as Record<Container, number>);
  const heading = rng.chance(cfg.headingRate) ? escapeHtml(rng.pick(cfg.headings)) : null;
  let body: string;
  if (container === 'ul') {
    body = `<ul id="${id}">${texts.map((t) => `<li>${link(ctx, t)}</li>`).join('')}</ul>`;
  } else if (container === 'table') {
    const cols = rng.int(3, 8);
    const rows: string[] = [];
    for (let i = 0; i < texts.length; i += cols) rows.push(`<tr>${texts.slice(i, i + cols).map((t) => `<td>${link(ctx, t)}</td>`).join('')}</tr>`);
    body = `<table id="${id}">${rows.join('')}</table>`;
  } else {
    const sep = escapeHtml(rng.pick(cfg.separators));
    body = `<${container === 'p' ? 'p' : 'div'} id="${id}">${texts.map((t) => link(ctx, t)).join(sep)}</${container === 'p' ? 'p' : 'div'}>`;
  }
  const head = heading ? (rng.chance(0.5) ? `<h3>${heading}</h3>` : `<span>${heading}</span>`) : '';
  // The heading sits outside the labelled element, as in the corpus's labels of real link farms
  // (`h3 + div`, `ul > li`): a "友情链接" heading is page furniture, the links are the spam.
  const html = `<div>${head}${body}</div>`;
  return injectOne(ctx, base, cfg.positions, id, `
${html}
`, ['link-farm', ...(kind === 'gambling' ? ['gambling'] : [])]);
}
