/** Shape d: a spider-pool page, a real spiderpool_zh template rendered the way the kits fill it. */
import { escapeHtml } from '../dom-text.js';
import { declareUtf8 } from '../html-edit.js';
import type { Rng } from '../prng.js';
import { anchors, inRange, randomDomain, randomLetters, randomUrl, type ShapeContext, type ShapeResult } from './common.js';

function date(rng: Rng, year: number): string {
  return `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

/** Builds one spider-pool page (label: spam, all). */
export function spiderPoolPage(ctx: ShapeContext): ShapeResult {
  const { rng, material: m, config } = ctx;
  const cfg = config.spiderPool;
  const template = rng.pick(m.spiderTemplates);
  const keywords = anchors(ctx, 'zh', inRange(rng, cfg.keywords));
  if (rng.chance(cfg.gamblingKeywordRate)) keywords.push(...anchors(ctx, 'gambling', rng.int(3, 15)));
  const main = rng.pick(keywords);
  const siteName = rng.pick(keywords);
  const domain = randomDomain(rng);
  const year = rng.int(2016, 2025);
  const today = date(rng, year);
  const fill = (name: string): string => {
    switch (name) {
      case '随机关键词':
        return escapeHtml(rng.pick(keywords));
      case '主关键词':
        return escapeHtml(main);
      case '站点名称':
        return escapeHtml(siteName);
      case '随机页面':
        return escapeHtml(randomUrl(rng, false));
      case '外推链接':
        return escapeHtml(randomUrl(rng, true));
      case '随机泛域名':
        return `${randomLetters(rng, 3, 8)}.${domain.replace(/^www\./, '')}`;
      case '当前域名':
        return domain;
      case '句子':
        return escapeHtml(m.zhSentences.length ? rng.pick(m.zhSentences) : rng.pick(keywords));
      case '当天时间':
        return today;
      case '随机时间':
        return date(rng, rng.int(year - 2, year));
      case '年':
        return String(year).slice(2);
      case '随机图片':
        return `/uploads/${rng.int(1, 300)}.jpg`;
      case '随机视频':
        return `/video/${rng.int(1, 300)}.mp4`;
      case '模板':
        return '/template';
      case '随机人名':
        return escapeHtml(m.persons.length ? rng.pick(m.persons) : rng.pick(keywords));
      case '随机数字':
        return String(rng.int(1, 99999));
      case '随机字符':
        return randomLetters(rng, 4, 10);
      default:
        return '';
    }
  };
  const html = template.html.replace(/<([^\s<>/!?]+)\/>/g, (whole, name: string) => (/^[a-z]+$/i.test(name) ? whole : fill(name)));
  return { html: declareUtf8(html), page: 'spam', all: true, kinds: ['link-farm', 'templated-phrases', 'doorway'], lang: 'zh', base: null };
}
