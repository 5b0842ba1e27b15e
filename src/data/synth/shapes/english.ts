/** Shape f: English pharma / casino / payday link blocks and comment-spam paragraphs, from the corpus's English spam regions. */
import { escapeHtml } from '../dom-text.js';
import { declareUtf8, offsetFor, spliceAll } from '../html-edit.js';
import { anchors, drawPosition, freshId, hidingDecl, inRange, link, pickBase, pointsOf, type ShapeContext, type ShapeResult } from './common.js';

/** Builds one English spam page (link block or spam comments). */
export function englishPage(ctx: ShapeContext): ShapeResult {
  const { rng, material: m, config } = ctx;
  const cfg = config.english;
  const base = pickBase(ctx, 'en');
  const used = new Set<string>();
  const selectors: string[] = [];
  const at = offsetFor(pointsOf(base), drawPosition(rng, cfg.positions));
  let html: string;
  let kinds: string[];
  if (rng.chance(cfg.linkBlockRate) || m.enSentences.length === 0) {
    const id = freshId(ctx, base.html, used);
    const texts = anchors(ctx, 'en', inRange(rng, cfg.links));
    const hidden = rng.chance(cfg.hiddenRate) ? ` style="${hidingDecl(rng, rng.pick(['display:none', 'off-screen', 'font-size:0'] as const))}"` : '';
    const inner = rng.chance(0.5)
      ? `<ul>${texts.map((t) => `<li>${link(ctx, t)}</li>`).join('')}</ul>`
      : texts.map((t) => link(ctx, t)).join(rng.pick([' ', ' | ', ', ', '<br>']));
    const latin = config.linkFarm.headings.filter((h) => /^[A-Za-z ]+$/.test(h));
    const heading = latin.length > 0 && rng.chance(0.4) ? `<h4>${escapeHtml(rng.pick(latin))}</h4>` : '';
    // A visible heading stays outside the labelled element (page furniture, as in the corpus's labels); a hidden one hides with the links.
    html = hidden ? `<div id="${id}"${hidden}>${heading}${inner}</div>` : `<div>${heading}<div id="${id}">${inner}</div></div>`;
    selectors.push(`#${id}`);
    kinds = hidden ? ['link-farm', 'hidden-links'] : ['link-farm'];
  } else {
    const n = inRange(rng, cfg.comments);
    const parts: string[] = [];
    for (let c = 0; c < n; c++) {
      const id = freshId(ctx, base.html, used);
      const words: string[] = [];
      const ns = inRange(rng, cfg.sentencesPerComment);
      for (let i = 0; i < ns; i++) words.push(escapeHtml(rng.pick(m.enSentences)));
      const nl = inRange(rng, cfg.linksPerComment);
      for (let i = 0; i < nl; i++) words.splice(rng.int(0, words.length), 0, link(ctx, anchors(ctx, 'en', 1)[0]));
      const author = rng.chance(0.5) && m.enAnchors.length ? `<cite>${link(ctx, rng.pick(m.enAnchors))}</cite> ` : '';
      parts.push(`<div class="comment" id="${id}">${author}<p>${words.join(' ')}</p></div>`);
      selectors.push(`#${id}`);
    }
    html = `<div class="comments">${parts.join('\n')}</div>`;
    kinds = ['comment-spam'];
  }
  const out = spliceAll(base.html, [{ at, html: `\n${html}\n` }]);
  return { html: declareUtf8(out), page: 'mixed', selectors, kinds, lang: base.lang, base: base.entry.record.id };
}
