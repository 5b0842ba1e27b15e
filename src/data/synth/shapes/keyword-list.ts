/** Shape a: a scraped article with a run-on keyword list appended, like the founding example. */
import { escapeHtml } from '../dom-text.js';
import { injectOne, freshId, inRange, keywordItem, link, listTheme, pickBase, type ShapeContext, type ShapeResult } from './common.js';

/** Builds one keyword-list page. */
export function keywordListPage(ctx: ShapeContext): ShapeResult {
  const { rng, config } = ctx;
  const cfg = config.keywordList;
  const base = pickBase(ctx, rng.chance(cfg.zhBaseShare) ? 'zh' : undefined);
  const used = new Set<string>();
  const id = freshId(ctx, base.html, used);
  const theme = listTheme(ctx);
  const n = inRange(rng, cfg.items);
  const sep = rng.pick(cfg.separators);
  const linked = rng.chance(cfg.linkRate);
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const item = keywordItem(ctx, theme.shared, theme.brand);
    items.push(linked ? link(ctx, item) : escapeHtml(item));
  }
  const tag = rng.pick(cfg.tags);
  const attr = rng.chance(0.7) ? `id="${id}"` : `id="${id}" class="${escapeHtml(rng.pick(config.idStems))}"`;
  let html = `<${tag} ${attr}>${items.join(sep === '<br>' ? '<br>\n' : escapeHtml(sep))}</${tag}>`;
  if (rng.chance(cfg.headingRate)) {
    const h = rng.pick(['h3', 'h4', 'div', 'p', 'strong']);
    html = `<${h}>${escapeHtml(rng.pick(cfg.headings))}</${h}>\n${html}`;
  }
  return injectOne(ctx, base, cfg.positions, id, `
${html}
`, ['scraped-plus-spam', 'keyword-list', ...(linked ? ['link-farm'] : [])]);
}
