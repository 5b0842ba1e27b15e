/** Shape b: a hidden block of links (display:none, off-screen, font-size:0 …) injected into a real page. */
import type { HideMethod, MaterialKind } from '../config.js';
import { escapeHtml } from '../dom-text.js';
import { anchors, injectOne, freshId, hidingDecl, inRange, link, pickBase, randomLetters, type ShapeContext, type ShapeResult } from './common.js';

/** Builds one page with hidden links. */
export function hiddenLinksPage(ctx: ShapeContext): ShapeResult {
  const { rng, config } = ctx;
  const cfg = config.hiddenLinks;
  const kind = rng.weighted(cfg.material as Record<MaterialKind, number>);
  const base = pickBase(ctx, kind === 'en' ? 'en' : kind === 'zh' && rng.chance(0.7) ? 'zh' : undefined);
  const used = new Set<string>();
  const id = freshId(ctx, base.html, used);
  const method = rng.weighted(cfg.methods as Record<HideMethod, number>);
  const decl = hidingDecl(rng, method);
  const texts = anchors(ctx, kind, inRange(rng, cfg.links));
  const tag = rng.pick(cfg.tags);
  const sep = rng.pick([' ', '\n', ' | ', '']);
  const inner =
    tag === 'ul'
      ? texts.map((t) => `<li>${link(ctx, t)}</li>`).join('\n')
      : texts.map((t) => (rng.chance(cfg.textRate) ? escapeHtml(t) : link(ctx, t))).join(sep);
  let html: string;
  if (rng.chance(cfg.viaClassRule)) {
    const cls = randomLetters(rng, 2, 6) + rng.int(1, 99);
    const rule = `<style>.${cls}{${decl}}</style>`;
    html = `${rule}<${tag} id="${id}" class="${cls}">${inner}</${tag}>`;
  } else {
    html = `<${tag} id="${id}" style="${decl}">${inner}</${tag}>`;
  }
  return injectOne(ctx, base, cfg.positions, id, html, ['hidden-links', ...(kind === 'gambling' ? ['gambling'] : [])]);
}
